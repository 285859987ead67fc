#!/bin/bash
# Wider key tiles for non-causal calls (M38). build_NW: the committed kernels plus the W instances
# for contiguous caches, d128 with 176-key tiles (SM90_N176, measured in session 17: -1.6%; its W
# SASS is that measured build's) and d64 with 192-key tiles (SM90_N192_D64, compile-checked only).
# build_NWP: the same with paged calls in the PAIR layout on the wide tiles too (SM90_WIDE_PAGED;
# its d128 producer spills 8 bytes, hence ALLOW_SPILLS). Packs build/, build_NW and build_NWP's
# test_gpu, pa-bench and libpagedattn.so into .carry/bins.tar.xz for dev_next_s18.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_NW -DSM90_N176=1 -DSM90_N192_D64=1
ALLOW_SPILLS=1 mk build_NWP -DSM90_N176=1 -DSM90_N192_D64=1 -DSM90_WIDE_PAGED=1
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_NW/test_gpu build_NW/pa-bench build_NW/libpagedattn.so build_NWP/test_gpu build_NWP/pa-bench && ls -la .carry/bins.tar.xz
