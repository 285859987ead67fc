#!/bin/bash
# Builds the variant trees that bench/wip_sm90/dev_next_s14.sh measures (development machine,
# ~25 s each), from the committed build/ tree, checks each for local-memory spills (SASS), and
# packs them for the device tool's carry.
#   bash bench/wip_sm90/mkvariants_s14.sh && (run dev_next_s14.sh with carry .carry/bins.tar.xz)
set -e
cd "$(dirname "$0")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null
mk() { v=$1; shift; rm -rf $v && cp -r build $v && rm -f $v/src/cuda/prefill_sm90.o $v/pa-bench $v/libpagedattn.a \
       $v/libpagedattn.so $v/pagedattn_all.o $v/test_gpu
       make -j2 BUILD=$v NVEXTRA="$*" $v/pa-bench $v/test_gpu $v/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
       n=$(cuobjdump -sass $v/src/cuda/prefill_sm90.o | grep -c "STL\|LDL" || true)
       echo "$v: $* (local loads/stores in the SASS: $n)"; [ "$n" = 0 ] || { echo "$v spills"; exit 1; }; }
mk build_GDA   -DSM90_DESC_ADD=1
mk build_T64m4 -DSM90_MASK_SYNC_T64=4
mk build_T64m3 -DSM90_MASK_SYNC_T64=3
mkdir -p .carry
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_GDA/test_gpu build_GDA/pa-bench build_T64m4/test_gpu build_T64m4/pa-bench build_T64m3/test_gpu build_T64m3/pa-bench
ls -la .carry/bins.tar.xz
