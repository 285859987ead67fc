#!/bin/bash
# Session 45's integrated benchmark of the final M82 library (RESULTS 2.57), short of device time:
# the estimate's copy at d128 and automatic (small), then dev_s14f.sh PHASE=bench (compare.py:
# pa-bench's paired rows, cuDNN / FA2 anchors, pa_ncu.py's rows) with SKIP_POWER=1, COMPARE_S=300.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45h build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=45460 timeout 60 build/test_gpu > "$T/copy_128.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=45760 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
COMPARE_S=300 bench_if_passed copy_128 auto
dev_end logs_s45h
