#!/bin/bash
# Session 8's third device call (H200): gather register splits, alternated (A: 64/216 Q from smem at d128,
# the default; C: 40/232 with 4 Q k-steps in registers; D: 40/232 with none; E: 48/224 with 2; d64 keeps
# its 4 Q steps and takes the same split).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
for r in 1 2; do
  for v in A C D E; do
    bin=build/pa-bench; [ $v != A ] && bin=build_$v/pa-bench
    timeout 100 $bin --prefill-only --dims 128,64 --causal both --pages 1,3,4,17 --table frag --iters 12 > "$O/v${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' "$O/v${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
