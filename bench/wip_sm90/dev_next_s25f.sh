#!/bin/bash
# Session 25, call 5 (carry .carry/bins.tar.xz from mkvariants_s25f.sh): tests of build (M56: forced
# gather d64, pages 1..7; racecheck and memcheck of the forced d64 gather), build_S5's forced d64
# gather; ncu A/B build / build_S3 / build_S5 at d64 pages 1, 3, 4 (causal both), twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25f build_S5/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=60 PA_TEST_SEED=5400 timeout 150 build/test_gpu > $T/M56_g64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,6,7,12 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=60 PA_TEST_SEED=5401 timeout 150 build/test_gpu > $T/M56_gpages64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=5402 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/M56_rc64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=4 PA_TEST_SEED=5403 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/M56_mc64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=5404 timeout 150 build_S5/test_gpu > $T/S5_g64.log 2>&1 &
wait
test_summary
ncu_ab "build build_S3 build_S5" --dims 64 --pages 1,3,4 --causal both
dev_end logs_s25f
