#!/bin/bash
# Session 8's page-runs call (H200): runs in passes of 4 (up to 16 runs a tile, pages 9..42 that
# no TMA box of 8+ rows serves). Forced-runs tests at each head_dim (PA_TEST_SM90_RUNS=1, every
# paged call runs can serve goes through them) and memcheck, then pa-bench --force-runs against
# --force-gather, alternated, at pages 9..41 and 100 (d128 both masks, d64 non-causal).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_RUNS=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=120 PA_TEST_SEED=71 timeout 120 build/test_gpu > $T/runs_d$d.log 2>&1 &
done
PA_TEST_CASES=120 PA_TEST_SEED=72 timeout 120 build/test_gpu > $T/auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_RUNS=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=73 timeout 120 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_runs.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
P=9,12,17,20,25,31,33,36,41,100
for r in 1 2; do
  for m in runs gather; do
    ( timeout 60 build/pa-bench --prefill-only --dims 128 --causal both --pages $P --table frag --iters 10 --force-$m
      timeout 40 build/pa-bench --prefill-only --dims 64 --causal 0 --pages $P --table frag --iters 10 --force-$m | tail -n +2 ) > "$O/${m}_r$r.log" 2>&1
    echo "$m r$r: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s; ", $2, $8, $10, $14}' "$O/${m}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
