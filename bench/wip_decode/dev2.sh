#!/bin/sh
# Experiments: variants of the wip decode copy, bandwidth only.
NV="nvcc -O3 -std=c++17 -DPA_HAVE_CUDA -Iinclude -Isrc -gencode=arch=compute_90a,code=sm_90a"
$NV bench/wip_decode/driver.cu bench/wip_decode/decode.cu src/cuda/kv_append.cu -o /tmp/drv_base &
$NV -DDEC_ORDER_B_FAST bench/wip_decode/driver.cu bench/wip_decode/decode.cu src/cuda/kv_append.cu -o /tmp/drv_ord &
$NV -DDEC_ONE_CTA bench/wip_decode/driver.cu bench/wip_decode/decode.cu src/cuda/kv_append.cu -o /tmp/drv_one &
wait
for v in base ord one base ord one; do echo "== $v"; BSHAPES=2,0,3 BPS=1,16 BSPLITS=0,16 /tmp/drv_$v 2 | grep -v NVIDIA; done 2>&1 | tee $OUT/exp.log
