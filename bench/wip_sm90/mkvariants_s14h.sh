#!/bin/bash
# Builds what bench/wip_sm90/dev_s14h.sh measures: build_K3, a third K stage (K ring 3, V ring 2)
# in the d128 and d256 kernels (TMA and gather), against the committed build/.
set -e
cd "$(dirname "$0")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null
mk() { v=$1; shift; rm -rf $v && cp -r build $v && rm -f $v/src/cuda/prefill_sm90.o $v/pa-bench $v/libpagedattn.a \
       $v/libpagedattn.so $v/pagedattn_all.o $v/test_gpu
       make -j2 BUILD=$v NVEXTRA="$*" $v/pa-bench $v/test_gpu $v/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
       n=$(cuobjdump -sass $v/src/cuda/prefill_sm90.o | grep -c "STL\|LDL" || true)
       echo "$v: $* (local loads/stores in the SASS: $n)"; [ "$n" = 0 ] || { echo "$v spills"; exit 1; }; }
mk build_K3 -DSM90_KSTAGES_D128=3 -DSM90_KSTAGES_D128_GATHER=3 -DSM90_KSTAGES_D256=3 -DSM90_KSTAGES_D256_GATHER=3
mkdir -p .carry
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so build_K3/test_gpu build_K3/pa-bench
ls -la .carry/bins.tar.xz
