#!/bin/bash
# head_dim 64 / 256 on the sm90 kernel: build, forced-sm90 GPU tests at d 128, 64, 256 (a
# timeout means a hang), memcheck at 64 / 256, then compare.py at d 64 and 256 (anchors in the
# same call). DIMS / PAGES / ITERS override. The correctness check alone (dev_check.sh before):
# TEST_DIMS=128 MC_DIMS=128 NO_BENCH=1.
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 240 make -j16 all build/test_gpu build/test_sm90_plan > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
grep -E "spill|error" "$O/build.log" | grep -v sm80_prefill | head -5
for d in ${TEST_DIMS:-128 64 256}; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${CASES:-150} PA_TEST_SEED=${SEED:-41} timeout 60 build/test_gpu > "$O/test_sm90_d$d.log" 2>&1
  echo "test_gpu(sm90,d$d) rc=$? $(tail -1 $O/test_sm90_d$d.log) $(( $(date +%s) - t0 ))s"
  grep -m4 FAIL "$O/test_sm90_d$d.log"
done
for d in ${MC_DIMS:-64 256}; do
  PA_TEST_CASES=8 PA_TEST_HEAD_DIM=$d PA_TEST_KERNEL=sm90 PA_TEST_SEED=7 timeout 60 compute-sanitizer --tool memcheck build/test_gpu > "$O/memcheck_d$d.log" 2>&1
  echo "memcheck(sm90,d$d) rc=$? $(grep -E 'ERROR SUMMARY' $O/memcheck_d$d.log | tail -1) $(tail -1 $O/memcheck_d$d.log)"
done
if [ -n "$PA_ONLY" ]; then   # pa-bench alone (no anchors): paged overhead rows
  timeout 200 build/pa-bench --prefill-only --dims ${DIMS:-64,256} --causal ${CAUSAL:-both} --pages ${PAGES:-1,3,4,8} --table frag --iters ${ITERS:-8} > "$O/pa_bench.log" 2>&1
  echo "pa-bench rc=$?"; awk 'NR>1{print $4, $8, $10, $12, $14}' "$O/pa_bench.log" | tr '\n' ';'; echo
elif [ -z "$NO_BENCH" ]; then
  timeout ${COMPARE_S:-240} python3 bench/compare.py --skip-others --out "$O" \
    --pa-args "--dims ${DIMS:-64,256} --pages ${PAGES:-8,16,64,100,128} --table frag --iters ${ITERS:-8} --prefill-only" > "$O/compare.log" 2>&1
  echo "compare rc=$? $(( $(date +%s) - t0 ))s"
  sed -n '/SUMMARY/,$p' "$O/compare.log" | grep -v "^decode" | head -40
fi
if [ -n "$NCU" ]; then   # ncu: contiguous d 128 vs 256 (and D_NCU), one launch each
  for d in ${NCU_DIMS:-128 256}; do
    timeout 120 ncu --section SpeedOfLight --section WarpStateStats --section SchedulerStats --section ComputeWorkloadAnalysis \
      -k regex:sm90_prefill -c 1 build/pa-bench --prefill-only --dims $d --causal 0 --pages 128 --iters 1 --no-check > "$O/ncu_d$d.txt" 2>&1
    echo "ncu d$d rc=$?"; grep -E "Compute \(SM\) Throughput|Issue Slots Busy|No Eligible|Warp Cycles Per Issued|Duration|Executed Ipc A" "$O/ncu_d$d.txt" | head -8
  done
fi
echo "total $(( $(date +%s) - t0 ))s"
