#!/bin/bash
# Session 7's fourth device call (H200): page runs (TMA boxes of power-of-two heights) against the
# cp.async gather (pa-bench --force-gather) at page sizes from 43 up, where either could serve:
# 43 51 63 77 100 127 (2 to 7 boxes per run), d64/d128 both masks and d256 non-causal, the two
# alternated ROUNDS times; every row's overhead is against an interleaved contiguous run.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
P=${PAGES:-43,51,63,77,100,127}
for r in $(seq ${ROUNDS:-2}); do
  for g in runs gather; do
    f=""; [ $g = gather ] && f=--force-gather
    : > /tmp/v.log
    timeout 100 build/pa-bench --prefill-only --no-check $f --dims 64,128 --causal both --pages $P --table frag --iters 8 >> /tmp/v.log 2>&1
    timeout 60 build/pa-bench --prefill-only --no-check $f --dims 256 --causal 0 --pages $P --table frag --iters 8 | tail -n +2 >> /tmp/v.log 2>&1
    sed "s/^/$g r$r /" /tmp/v.log >> "$O/runs_vs_gather.log"
    echo "$g r$r: $(awk '$1=="prefill" && $10!="-"{printf "d%s c%s p%s %s; ", $2, $8, $10, $14}' /tmp/v.log)" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
