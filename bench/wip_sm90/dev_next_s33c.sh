#!/bin/bash
# Session 33, call 3 (carry .carry/bins.tar.xz from mkvariants_s33c.sh): the d128 gather's consumers
# closer to the 128-key TMA kernel's (Q's descriptors uniform, Q k-steps in registers).
#   1. tests of each variant forced to the d128 gather (default list, pages 1..17), racecheck of
#      QD and Q4;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33c build_QD/pa-bench
gather_variant_tests "WS QD Q4 Q2" 128 33300 120
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
for v in QD Q4; do
    env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=33302 timeout 150 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/${v}_rc.log 2>&1 &
done
wait
test_summary
AB_PREFIX=g128 ab_if_passed "WS_g WS_gpages QD_g QD_gpages Q4_g Q4_gpages Q2_g Q2_gpages" "build build_WS build_QD build_Q4 build_Q2" --dims 128 --pages 1,3,4 --causal both
dev_end logs_s33c
