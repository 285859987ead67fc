#!/bin/bash
# Session 9 (H200): contiguous prefill against cuDNN timed interleaved in one process
# (bench/interleaved.py), with the committed library (.carry/bins.tar.xz: build/libpagedattn.so):
# first with calls back to back (stream), then each call alone after a sync and an L2 flush
# (single, pa-bench's way), then stream again. DATA_AB=1: pa-bench's input values against torch.randn.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw,power.limit --format=csv > "$O/summary.txt" 2>&1
run() { PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so PYTHONPATH=$PWD/python timeout 150 python3 bench/interleaved.py \
  --rounds ${ROUNDS:-6} --calls ${CALLS:-20} --out "$O/$2" --mode $1 --data ${3:-randn} 2>&1 | grep -v "NumPy\|_conversion_method" | tee -a "$O/interleaved.log"; }
if [ -n "$DATA_AB" ]; then   # the second call: pa-bench's data against torch.randn, alternated
  run stream p1 pabench; run stream r1 randn; run stream p2 pabench
else
  run stream s1; run single single; run stream s2
fi
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
