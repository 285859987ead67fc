#!/bin/bash
# Builds what bench/wip_sm90/dev_s14c.sh measures: the mask-word modes re-drawn for the gather
# kernels after M30 changed their SASS (and T64 mode 2 for d64 page 8), from the committed build/.
set -e
cd "$(dirname "$0")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null
mk() { v=$1; shift; rm -rf $v && cp -r build $v && rm -f $v/src/cuda/prefill_sm90.o $v/pa-bench $v/libpagedattn.a \
       $v/libpagedattn.so $v/pagedattn_all.o $v/test_gpu
       make -j2 BUILD=$v NVEXTRA="$*" $v/pa-bench $v/test_gpu $v/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
       n=$(cuobjdump -sass $v/src/cuda/prefill_sm90.o | grep -c "STL\|LDL" || true)
       echo "$v: $* (local loads/stores in the SASS: $n)"; [ "$n" = 0 ] || { echo "$v spills"; exit 1; }; }
mk build_MA -DSM90_MASK_SYNC_G64=1 -DSM90_MASK_SYNC_G128=1 -DSM90_MASK_SYNC_G256=2 &
mk build_MB -DSM90_MASK_SYNC_G64=2 -DSM90_MASK_SYNC_G128=2 -DSM90_MASK_SYNC_G256=3 -DSM90_MASK_SYNC_T64=2 &
wait
mk build_MC -DSM90_MASK_SYNC_G64=3 -DSM90_MASK_SYNC_G128=4 -DSM90_MASK_SYNC_G256=4
mkdir -p .carry
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so build_M[ABC]/test_gpu build_M[ABC]/pa-bench
ls -la .carry/bins.tar.xz
