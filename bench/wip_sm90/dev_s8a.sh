#!/bin/bash
# Session 8's first device call (H200): the gather in 2-CTA clusters (each CTA copies half of a
# tile's rows and pushes them to its peer). Forced-gather tests with clusters always on (idle
# peers included) at each head_dim, the automatic choice, the plain gather; memcheck; then
# pa-bench with clusters off (0) and auto (1), alternated, at the gather's page sizes.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_CLUSTER=2 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=41 timeout 150 build/test_gpu > $T/cl2_d$d.log 2>&1 &
done
PA_TEST_CASES=150 PA_TEST_SEED=42 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_CLUSTER=0 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=100 PA_TEST_SEED=43 timeout 150 build/test_gpu > $T/cl0_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 FAIL $f; done
echo "tests $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_CLUSTER=2 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=44 \
  timeout 120 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck.log 2>&1
echo "memcheck rc=$? $(grep -m1 'ERROR SUMMARY' $T/memcheck.log) $(grep -m1 'passed' $T/memcheck.log)" | tee -a "$O/summary.txt"
( cd $T && tar czf "$O/tests.tgz" *.log )
B="build/pa-bench --prefill-only --causal both --pages 1,3,4,12,17 --table frag --iters 8"
for r in 1 2; do
  for c in 0 1; do
    timeout 100 $B --dims 128,64,256 --gather-cluster $c > "$O/ab_c${c}_r$r.log" 2>&1
    echo "c$c r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' "$O/ab_c${c}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
