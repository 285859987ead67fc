#!/bin/bash
# Session 68's integrated benchmark of the committed library (M97 at d64: SM90_PAIR_UISSUE_D64=1,
# SASS efb2e699): dev_s58d.sh's tests at d64 (automatic, forced sm90 d64 on the default and run
# pages, the copy at d64, the copy forced beside on 8 blocks, test_threads, racecheck d64 pages
# 8 / 100) plus memcheck of forced sm90 d64 at pages 8 / 16 / 64, then dev_s14f.sh PHASE=bench.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68d build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=68001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=30 PA_TEST_SEED=68002 timeout 60 build/test_gpu > "$T/sm90_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,44,100,101,127 PA_TEST_CASES=30 PA_TEST_SEED=68003 timeout 60 build/test_gpu > "$T/runs_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=20 PA_TEST_SEED=68004 timeout 60 build/test_gpu > "$T/copy_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=20 PA_TEST_SEED=68005 timeout 60 build/test_gpu > "$T/ov.log" 2>&1 &
PA_TEST_SEED=68006 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=68007 timeout 90 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,64 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=68008 timeout 90 \
    compute-sanitizer --tool memcheck build/test_gpu > "$T/mc_64.log" 2>&1 &
wait
test_summary
COMPARE_S=${COMPARE_S:-300} bench_if_passed auto sm90_64 runs_64 copy_64 ov
dev_end logs_s68d
