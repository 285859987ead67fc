#!/bin/bash
# Prepared in session 33 (carry .carry/bins.tar.xz from mkvariants_s34.sh; build = the library,
# SM90_PLAN_ALLARRIVE included): V's ring 3 stages deep in the d128 gather (V3: K 2 / V 3; KV3:
# both 3, arrivals not deferred). Session 33's profile: the consumers wait on V's full barrier
# ~2% of their samples more than the 128-key TMA kernel's; V's stage is freed after the softmax.
#   1. tests of each variant forced to the d128 gather (default list, pages 1..17), racecheck and
#      memcheck of V3;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both (~70 s).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t34a build_V3/pa-bench
gather_variant_tests "V3 KV3" 128 34100 120
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=34102 timeout 150 compute-sanitizer --tool racecheck build_V3/test_gpu > $T/V3_rc.log 2>&1 &
env $G PA_TEST_PAGES=1,5 PA_TEST_CASES=3 PA_TEST_SEED=34103 timeout 150 compute-sanitizer --tool memcheck build_V3/test_gpu > $T/V3_mc.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "V3_g V3_gpages KV3_g KV3_gpages" "build build_V3 build_KV3" --dims 128 --pages 1,3,4 --causal both
dev_end logs_s34a
