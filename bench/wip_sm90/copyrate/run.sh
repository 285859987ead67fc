#!/bin/bash
# device: build and run copyrate at the shapes whose copy beside costs most (RESULTS 3.4v)
cd "$(dirname "$0")" && nvcc -O3 -std=c++17 -gencode=arch=compute_90a,code=sm_90a copyrate.cu -o /tmp/copyrate -lcuda || exit 1
for a in "128 16" "256 9" "64 9"; do timeout 60 /tmp/copyrate $a; echo "rc $?"; done 2>&1 | tee ${OUT:-/tmp}/copyrate.txt
