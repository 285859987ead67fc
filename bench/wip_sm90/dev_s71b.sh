#!/bin/bash
# Session 71's integrated benchmark of the committed library (M102 + M103 + M104, SASS 95255364):
# tests through the new plans first (automatic; forced sm90 d128 and d64 on M104's page sizes
# 9 / 12 / 20 / 47 / 100 and the default list; test_threads; racecheck d128 pages 9 / 100;
# memcheck d64 pages 12 / 47), then dev_s14f.sh PHASE=bench (compare.py with the anchors, pa-bench).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t71b build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=71001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=71002 timeout 60 build/test_gpu > "$T/sm90_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,12,20,47,100 PA_TEST_CASES=30 PA_TEST_SEED=71003 timeout 60 build/test_gpu > "$T/runs_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=9,12,20,47,100 PA_TEST_CASES=30 PA_TEST_SEED=71004 timeout 60 build/test_gpu > "$T/runs_64.log" 2>&1 &
PA_TEST_SEED=71005 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=71006 timeout 90 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=12,47 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=71007 timeout 90 \
    compute-sanitizer --tool memcheck build/test_gpu > "$T/mc_64.log" 2>&1 &
wait
test_summary
COMPARE_S=${COMPARE_S:-300} bench_if_passed auto sm90_128 runs_128 runs_64
dev_end logs_s71b
