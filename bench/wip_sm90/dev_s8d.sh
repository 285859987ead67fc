#!/bin/bash
# Session 8's fourth device call (H200): the new default (d64 gather at 40/232, Q steps as before)
# checked by the forced-gather tests, then alternated with two variants that shuffle 4 row offsets
# ahead instead of 8 (fewer producer registers): F 40/232 with 4 Q k-steps in registers at d128,
# G 48/224 with 2. d256 keeps Q in shared memory and takes the same split.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
for d in 64 128; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=120 PA_TEST_SEED=51 timeout 100 build/test_gpu > /tmp/g$d.log 2>&1 &
done
wait
for d in 64 128; do echo "gather d$d: $(tail -1 /tmp/g$d.log)" | tee -a "$O/summary.txt"; grep -m3 FAIL /tmp/g$d.log; done
for r in 1 2; do
  for v in A F G; do
    bin=build/pa-bench; [ $v != A ] && bin=build_$v/pa-bench
    timeout 100 $bin --prefill-only --dims 128,256,64 --causal both --pages 1,4,17 --table frag --iters 12 > "$O/v${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' "$O/v${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
