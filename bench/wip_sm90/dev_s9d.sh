#!/bin/bash
# Session 9, fourth call (H200): the producer-instruction cuts of dev_s9c.sh narrowed to where they
# helped: branch-free gather lookups at d128 only, the mask-word shortcut in the PAIR instances only.
# build/ (working tree) against build_base/ (the kernel before session 9), alternated; tests first.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=93 timeout 120 build/test_gpu > $T/sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_GATHER=1 PA_TEST_CASES=100 PA_TEST_SEED=94 timeout 120 build/test_gpu > $T/gather_d$d.log 2>&1 &
done
PA_TEST_CASES=100 PA_TEST_SEED=95 timeout 120 build/test_gpu > $T/auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=48 PA_TEST_SEED=98 timeout 120 build/test_gpu > $T/gather_wide_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=6 PA_TEST_SEED=96 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_gather_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=6 PA_TEST_SEED=97 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_sm90_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'passed|ERROR SUMMARY' $f | tail -2 | tr '\n' ' ')" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
for r in 1 2 3; do
  for v in base new; do
    bin=build/pa-bench; [ $v = base ] && bin=build_base/pa-bench
    timeout 90 $bin --prefill-only --dims 128,64,256 --causal both --pages 1,4,8,16,48 --table frag --iters 10 > "$O/${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' "$O/${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
