#!/bin/bash
# Session 24, call 7 (carry .carry/bins.tar.xz from mkvariants_s24f.sh): tests of build_KS (forced
# sm90 at d128 / d256, run pages and padded-stride boxes via random cases, racecheck on d128 / d256
# page 100), then the ncu A/B build / build_KS at d128 / d256, pages 51 and 100, causal both, twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24f build_KS/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=4610 timeout 120 build_KS/test_gpu > $T/KS_sm90_128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=30 PA_TEST_SEED=4611 timeout 120 build_KS/test_gpu > $T/KS_sm90_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=4620 timeout 120 build_KS/test_gpu > $T/KS_runs128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=30 PA_TEST_SEED=4621 timeout 120 build_KS/test_gpu > $T/KS_runs256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=100 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=2 PA_TEST_SEED=4631 timeout 120 compute-sanitizer --tool racecheck build_KS/test_gpu > $T/KS_rc128.log 2>&1 &
wait
test_summary
ncu_ab "build build_KS" --dims 128,256 --pages 51,100 --causal both
dev_end logs_s24f
