#!/bin/bash
# Session 9, last call (H200): the committed build, where only the d64 gather instance differs from
# the binaries of the integrated call 2.16 (branch-free lookups, 56/224; its SASS is identical to
# build_V3's of dev_s9f.sh). Checks of that instance (forced gather at d64 with 32- and 64-bit
# offsets, memcheck), the automatic and forced-sm90 suites, then pa-bench at d64 over every page size.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
PA_TEST_CASES=150 PA_TEST_SEED=71 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=72 timeout 150 build/test_gpu > $T/sm90_d$d.log 2>&1 &
done
env $G PA_TEST_HEAD_DIM=64 PA_TEST_CASES=96 PA_TEST_SEED=73 timeout 150 build/test_gpu > $T/gather_d64.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=48 PA_TEST_SEED=74 timeout 150 build/test_gpu > $T/gather_wide_d64.log 2>&1 &
env $G PA_TEST_HEAD_DIM=64 PA_TEST_CASES=8 PA_TEST_SEED=75 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_gather_d64.log 2>&1 &
wait
for f in $T/*.log; do
  n=$(basename $f .log); echo "$n: $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"
  grep -m3 -E "FAIL|mismatch|Timeout|timed out" $f
done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests done $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
timeout 120 build/pa-bench --prefill-only --dims 64 --causal both --pages 1,3,4,8,12,16,17,32,48,64,100,128,256,672 \
  --table frag --iters 10 > "$O/pa_bench_d64.log" 2>&1
echo "pa-bench rc=$?: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' $O/pa_bench_d64.log)" | tee -a "$O/summary.txt"
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
