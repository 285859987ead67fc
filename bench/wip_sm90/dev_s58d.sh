#!/bin/bash
# Session 58's integrated benchmark of the committed library (M88 at d64: SM90_MASK_SKIP_D64=1,
# SASS 0312a6e9; its d64 instances are dev_s58c's build's, every other instance 45d3075c's): small
# tests first (automatic, forced sm90 d64 on the default and run pages, the copy at d64, the copy
# forced beside on 8 blocks, build/test_threads, racecheck d64 pages 8 / 100), then dev_s14f.sh
# PHASE=bench (SKIP_POWER=1, COMPARE_S, default 300: too little, see dev_s59a.sh): RESULTS 2.60.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t58d build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=58001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=${HD:-64} PA_TEST_CASES=30 PA_TEST_SEED=58002 timeout 60 build/test_gpu > "$T/sm90_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=${HD:-64} PA_TEST_PAGES=8,16,44,100,101,127 PA_TEST_CASES=30 PA_TEST_SEED=58003 timeout 60 build/test_gpu > "$T/runs_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=${HD:-64} PA_TEST_CASES=20 PA_TEST_SEED=58004 timeout 60 build/test_gpu > "$T/copy_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=20 PA_TEST_SEED=58005 timeout 60 build/test_gpu > "$T/ov.log" 2>&1 &
PA_TEST_SEED=58006 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=${HD:-64} PA_TEST_PAGES=8,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=58007 timeout 90 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_64.log" 2>&1 &
wait
test_summary
COMPARE_S=${COMPARE_S:-300} bench_if_passed auto sm90_64 runs_64 copy_64 ov
dev_end logs_s58d
