#!/bin/bash
# Session 26, call 8: build_BF1 (branch-free lookups in the d256 gather, on top of M58) against
# build again, with racecheck / memcheck of build_BF1's d256 gather.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26h build_BF1/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=6400 timeout 100 compute-sanitizer --tool racecheck build_BF1/test_gpu > $T/BF1_rc.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=4 PA_TEST_SEED=6401 timeout 100 compute-sanitizer --tool memcheck build_BF1/test_gpu > $T/BF1_mc.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=6402 timeout 100 build_BF1/test_gpu > $T/BF1_gpages.log 2>&1 &
gather_ab "build_BF1" 256 1,3,4 40 6147
dev_end logs_s26h
