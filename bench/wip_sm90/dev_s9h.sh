#!/bin/bash
# Session 9 (H200): contiguous prefill against cuDNN timed interleaved in one process
# (bench/interleaved.py), with the committed library (.carry/bins.tar.xz: build/libpagedattn.so).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so PYTHONPATH=$PWD/python timeout 240 python3 bench/interleaved.py \
  --rounds ${ROUNDS:-10} --calls ${CALLS:-20} --out "$O" 2>&1 | grep -v "NumPy\|_conversion_method" | tee "$O/interleaved.log"
echo "rc=${PIPESTATUS[0]} total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
