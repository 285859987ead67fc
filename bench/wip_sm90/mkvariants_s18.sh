#!/bin/bash
# Wider key tiles for contiguous non-causal calls (M38): build_NW = the committed kernels plus the
# W instances, d128 with 176-key tiles (SM90_N176, measured in session 17: -1.6% contiguous) and
# d64 with 192-key tiles (SM90_N192_D64, compile-checked only). Packs build/ and build_NW's
# test_gpu, pa-bench and libpagedattn.so into .carry/bins.tar.xz for bench/wip_sm90/dev_next_s18.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_NW -DSM90_N176=1 -DSM90_N192_D64=1
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_NW/test_gpu build_NW/pa-bench build_NW/libpagedattn.so && ls -la .carry/bins.tar.xz
