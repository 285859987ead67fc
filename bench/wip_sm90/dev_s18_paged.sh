#!/bin/bash
# Session 18, after the integrated run 2.29: d128's paged overheads with the last-wave split, timed
# again at ncu's locked clocks (3 calls a row, two passes) to see how much of 2.29's rise at pages
# 16 / 64 / 256 is the paged launches' run-to-run spread.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
for pass in 1 2; do
  timeout 110 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --pages 8,16,32,64,128,256 --causal both --iters 3 --out $O/p$pass > $O/p$pass.txt 2>&1
  echo "pass $pass $(( $(date +%s) - t0 ))s"
done
cat $O/p1.txt $O/p2.txt
