#!/bin/bash
# Session 10 (H200): at d256, page runs or the gather for run pages 43..185 (pa_sm90_runs_lose)?
# build_R sends them to page runs (sm90_plan.h line changed for this build only; kernels identical).
# Both timed by ncu at locked clocks (ncu_pa.py), build_R's forced d256 tests first.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=80 PA_TEST_SEED=261 timeout 100 build_R/test_gpu > $T/R_sm90_d256.log 2>&1
echo "R_sm90_d256: $(tail -1 $T/R_sm90_d256.log) $(el)" | tee -a "$O/summary.txt"
for v in build build_R; do
  timeout 100 ncu --csv --metrics gpu__time_duration.sum -k "regex:sm90_prefill" $v/pa-bench --prefill-only --dims 256 \
    --causal both --pages 51,77,100,127 --table frag --warmup 0 --iters 2 --no-check > $T/ncu_$v.csv 2> $T/ncu_$v.err
  python3 bench/pa_ncu.py --csv $T/ncu_$v.csv --dims 256 --pages 51,77,100,127 --causal both --out $T 2>&1 | sed "s/^/$v /" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
