#!/bin/bash
# Session 8's second device call (H200): register split and Q in registers for the gather kernel,
# alternated A/B/C at the gather's pages (A: 64/216 with Q from shared memory, the default;
# B: 56/224 with 2 of 8 Q k-steps in registers; C: 40/232 with 4, as the TMA kernel).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
for r in 1 2; do
  for v in A B C; do
    bin=build/pa-bench; [ $v != A ] && bin=build_$v/pa-bench
    timeout 100 $bin --prefill-only --dims 128,64 --causal both --pages 1,3,4,17 --table frag --iters 8 > "$O/v${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' "$O/v${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
