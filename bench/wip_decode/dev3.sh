#!/bin/sh
# Final check: graph test (library without the prefill kernels), correctness sweep, full table.
NV="nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -gencode=arch=compute_90a,code=sm_90a"
CU=$(dirname $(which nvcc))/..
$NV bench/wip_decode/driver.cu src/cuda/decode.cu src/cuda/kv_append.cu -o /tmp/drv &
mkdir -p /tmp/o && $NV -Xcompiler -fPIC -c src/cuda/decode.cu -o /tmp/o/decode.o &
$NV -Xcompiler -fPIC -c src/cuda/kv_append.cu -o /tmp/o/kva.o &
$NV -Xcompiler -fPIC -c src/cuda/runtime.cu -o /tmp/o/rt.o &
wait
cc -O3 -std=c11 -pthread -D_GNU_SOURCE -Iinclude -Isrc -Itests -DPA_HAVE_CUDA -I$CU/include -o /tmp/tdg tests/test_decode_graph.c \
  src/api.c src/dispatch.c src/cpu/*.c /tmp/o/*.o -L$CU/lib64 -lcudart_static -lrt -ldl -lstdc++ -lm -lpthread
timeout 100 /tmp/tdg > $OUT/graph.log 2>&1; echo "graph test: $(tail -1 $OUT/graph.log)"; grep FAIL $OUT/graph.log | head -3
timeout 100 /tmp/drv 1 120 > $OUT/correct.log 2>&1; tail -1 $OUT/correct.log; grep FAIL $OUT/correct.log | head -5
echo "== HND B128"; BHND=1 BSHAPES=2 BPS=16 /tmp/drv 2 | grep -v NVIDIA
echo "== final"; /tmp/drv 2 | grep -v NVIDIA | tee $OUT/final.log
