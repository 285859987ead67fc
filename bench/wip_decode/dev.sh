#!/bin/sh
# One device call: build the scratch driver, correctness sweep, bench experiments, graph test.
set -x
NV="nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -gencode=arch=compute_90a,code=sm_90a"
$NV bench/wip_decode/driver.cu src/cuda/decode.cu src/cuda/kv_append.cu -o /tmp/drv || exit 1
timeout 200 /tmp/drv 1 ${NCASES:-150} > $OUT/correct.log 2>&1; tail -1 $OUT/correct.log; grep FAIL $OUT/correct.log | head
make -j16 BUILD=/tmp/b lib > $OUT/make.log 2>&1 || tail -20 $OUT/make.log
CU=$(dirname $(which nvcc))/..
cc -O3 -std=c11 -pthread -D_GNU_SOURCE -Iinclude -Isrc -Itests -DPA_HAVE_CUDA -I$CU/include -o /tmp/tdg tests/test_decode_graph.c \
  -Wl,--whole-archive /tmp/b/libpagedattn.a -Wl,--no-whole-archive -L$CU/lib64 -lcudart_static -lrt -ldl -lstdc++ -lm -lpthread && timeout 200 /tmp/tdg > $OUT/graph.log 2>&1; grep -v "^ok" $OUT/graph.log | tail -15
eval "$BENCH"
