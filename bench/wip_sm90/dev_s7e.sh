#!/bin/bash
# Session 7's fifth device call (H200): the runs-or-gather rule (sm90_plan.h pa_sm90_runs_lose)
# on the GPU: forced-sm90 tests at each head_dim and the automatic choice, then pa-bench with the
# rule at the pages measured in dev_s7d.sh (d64 43/51/63 and d256 43..127 now take the gather).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=31 timeout 200 build/test_gpu > $T/sm90_d$d.log 2>&1 &
done
PA_TEST_CASES=150 PA_TEST_SEED=32 timeout 200 build/test_gpu > $T/auto.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 FAIL $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
timeout 120 build/pa-bench --prefill-only --dims 64,128,256 --causal both --pages 43,51,63,77,100,127 --table frag --iters 8 > "$O/rule.log" 2>&1
echo "pa-bench rc=$?" | tee -a "$O/summary.txt"
awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s %s\n", $2, $8, $10, $12, $14}' "$O/rule.log" | paste -sd ';' | tee -a "$O/summary.txt"
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
