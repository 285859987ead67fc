#!/bin/sh
# Final check, most important first: full table, correctness sweep, graph test.
# HND=1 also runs the B128 HND-layout experiment of NOTES.md (3 CTAs/SM: apply experiment.patch).
NV="nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -gencode=arch=compute_90a,code=sm_90a"
$NV bench/wip_decode/driver.cu src/cuda/decode.cu src/cuda/kv_append.cu -o /tmp/drv &
make -s -j16 build/test_decode_graph > /dev/null &
wait
echo "== final"; BPS=1,8,16,64,3,48 /tmp/drv 2 | grep -v NVIDIA | tee $OUT/final.log
timeout 60 /tmp/drv 1 80 > $OUT/correct.log 2>&1; tail -1 $OUT/correct.log; grep FAIL $OUT/correct.log | head -5
timeout 60 build/test_decode_graph > $OUT/graph.log 2>&1; echo "graph test: $(tail -1 $OUT/graph.log)"; grep FAIL $OUT/graph.log | head -3
if [ "${HND:-0}" = 1 ]; then echo "== HND B128"; BHND=1 BSHAPES=2 BPS=16 /tmp/drv 2 | grep -v NVIDIA; fi
