#!/bin/bash
# Correctness of the sm90 kernel before timing it: build, test_gpu forced to sm90 at d128 (every
# page size of the test list reaches the sm90 kernel), and compute-sanitizer memcheck on a few
# cases. Pair with dev_variants.sh in the same call for the timings.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=${CASES:-150} PA_TEST_SEED=${SEED:-31} timeout 100 build/test_gpu > "$O/test_sm90.log" 2>&1
echo "test_gpu(sm90,d128) rc=$? $(tail -1 $O/test_sm90.log)"
grep -m5 FAIL "$O/test_sm90.log"
PA_TEST_CASES=12 PA_TEST_HEAD_DIM=128 PA_TEST_KERNEL=sm90 PA_TEST_SEED=${SEED:-31} timeout 80 compute-sanitizer --tool memcheck build/test_gpu > "$O/memcheck_sm90.log" 2>&1
echo "memcheck(sm90) rc=$? $(grep -E 'ERROR SUMMARY' $O/memcheck_sm90.log | tail -1) $(tail -1 $O/memcheck_sm90.log)"
echo "check total $(( $(date +%s) - t0 ))s"
