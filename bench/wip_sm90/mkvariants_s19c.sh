#!/bin/bash
# Session 19 (prepared in session 18): build_WG = 176-key tiles for d128 non-causal contiguous calls
# (SM90_N176, measured in 3.1u/3.1v: -1.1..-1.6%) AND for the d128 cp.async gather (SM90_WIDE_GATHER:
# 88 rows a K/V warp, a third unit of 24 rows, mask word 2's high bits through word 6; 56/224
# registers; compile-checked, no spills), and build_WA (SM90_WIDE_ALL). No last-wave split in wide calls. Run after
# mkvariants_s19.sh and mkvariants_s19b.sh: this packs every tree they built too.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WG -DSM90_N176=1 -DSM90_WIDE_GATHER=1
# build_WA: SM90_WIDE_ALL, every d128 non-causal regime on 176-key tiles (dev_next_s19d.sh)
mk build_WA -DSM90_WIDE_ALL=1
files="build/test_gpu build/pa-bench build/libpagedattn.so build_WG/test_gpu build_WG/pa-bench build_WA/test_gpu build_WA/pa-bench build_WA/libpagedattn.so"
for v in build_CV2 build_T6; do [ -d $v ] && files="$files $v/test_gpu $v/pa-bench $v/libpagedattn.so"; done
for v in build_P8 build_P12 build_P16 build_T0; do [ -d $v ] && files="$files $v/pa-bench"; done
mkdir -p .carry && tar cJf .carry/bins.tar.xz $files && ls -la .carry/bins.tar.xz
