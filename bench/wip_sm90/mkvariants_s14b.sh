#!/bin/bash
# Builds what bench/wip_sm90/dev_s14b.sh measures: build/ (committed default) and build_PF1.
set -e
cd "$(dirname "$0")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null
mk() { v=$1; shift; rm -rf $v && cp -r build $v && rm -f $v/src/cuda/prefill_sm90.o $v/pa-bench $v/libpagedattn.a \
       $v/libpagedattn.so $v/pagedattn_all.o $v/test_gpu
       make -j2 BUILD=$v NVEXTRA="$*" $v/pa-bench $v/test_gpu $v/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
       n=$(cuobjdump -sass $v/src/cuda/prefill_sm90.o | grep -c "STL\|LDL" || true)
       echo "$v: $* (local loads/stores in the SASS: $n)"; [ "$n" = 0 ] || { echo "$v spills"; exit 1; }; }
mk build_PF1 -DSM90_GATHER_PFENCE=1
mkdir -p .carry
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so build_PF1/test_gpu build_PF1/pa-bench
ls -la .carry/bins.tar.xz
