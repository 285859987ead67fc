#!/bin/bash
# Session 57's integrated benchmark of the committed library (M86 at d256, SASS 45d3075c): small
# tests first (automatic, forced sm90 at d256, the estimate's copy at d128, the copy forced beside
# on 8 blocks, build/test_threads), then dev_s14f.sh PHASE=bench (SKIP_POWER=1, COMPARE_S=300):
# RESULTS 2.59.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57c build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=57001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=30 PA_TEST_SEED=57002 timeout 60 build/test_gpu > "$T/sm90_256.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=57003 timeout 60 build/test_gpu > "$T/copy_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=20 PA_TEST_SEED=57004 timeout 60 build/test_gpu > "$T/ov.log" 2>&1 &
PA_TEST_SEED=57005 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
COMPARE_S=300 bench_if_passed auto sm90_256 copy_128 ov
dev_end logs_s57c
