#!/bin/bash
# Session 24, call 6 (carry .carry/bins.tar.xz from mkvariants_s24e.sh):
#   1. tests of build_M4 (covers M2's cases): automatic, forced sm90 at every head_dim, PAIR pages
#      8..64 at d128 / d256, racecheck on d256 pages 16 / 32;
#   2. ncu A/B build / build_M2 / build_M4 at d256 / d128 / d64, pages 16, 32, 48, 64 and 256
#      (one box: same code, the control), causal both, twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24e build_M4/pa-bench
PA_TEST_SEED=4500 timeout 150 build_M4/test_gpu > $T/M4_auto.log 2>&1 &
forced_sm90 "build_M4" 40 4510
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,24,32,48,64 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=4520 timeout 150 build_M4/test_gpu > $T/M4_pages128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,24,32,48,64 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=4521 timeout 150 build_M4/test_gpu > $T/M4_pages256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=16,32 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=4531 timeout 150 compute-sanitizer --tool racecheck build_M4/test_gpu > $T/M4_rc256.log 2>&1 &
wait
test_summary
ncu_ab "build build_M2 build_M4" --dims 256,128,64 --pages 16,32,48,64,256 --causal both
dev_end logs_s24e
