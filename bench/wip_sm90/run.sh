#!/bin/sh
# Device run for the sm90 prefill kernel alone: build the driver against src/cuda/prefill_sm90.cu,
# check (13 shapes vs a double reference), then time the seed shape contiguous and paged.
#   sh bench/wip_sm90/run.sh            (writes $OUT/check.txt, $OUT/time.txt, $OUT/times.csv)
set -e
nvcc -std=c++17 -O3 -Iinclude -Isrc -Isrc/cuda -DPA_HAVE_CUDA -gencode=arch=compute_90a,code=sm_90a \
    bench/wip_sm90/drv.cu src/cuda/prefill_sm90.cu -o /tmp/drv_sm90
OUT=${OUT:-/tmp}
timeout 60 stdbuf -oL /tmp/drv_sm90 check 2>&1 | tee $OUT/check.txt
timeout 120 stdbuf -oL /tmp/drv_sm90 time $OUT/times.csv > $OUT/time.txt 2>&1
grep -v PASS $OUT/time.txt | grep -v TIME || true
cat $OUT/times.csv
