#!/bin/bash
# Prepared in session 32 (carry .carry/bins.tar.xz from mkvariants_s33.sh): the d128 gather with a
# light pause, 128..256 ns a tile (session 26 tried 512 ns and more: +5.7% and worse). Session 32's
# profile (RESULTS 3.2j) has the d128 producer warps waiting on the consumers half of their time,
# and M58 / M70 show that at d256 spacing the copies frees the consumers' issue slots.
#   1. tests of each variant forced to the d128 gather (default list, pages 1..17), racecheck of E4;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both (~90 s).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33a build_Q8/pa-bench
gather_variant_tests "Q8 Q16 E4 E8" 128 33100 120
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=33102 timeout 150 compute-sanitizer --tool racecheck build_E4/test_gpu > $T/E4_rc.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "Q8_g Q8_gpages Q16_g Q16_gpages E4_g E4_gpages E8_g E8_gpages" "build build_Q8 build_Q16 build_E4 build_E8" --dims 128 --pages 1,3,4 --causal both
dev_end logs_s33a
