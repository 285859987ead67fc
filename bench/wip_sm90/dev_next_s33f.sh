#!/bin/bash
# Session 33, call 6 (carry .carry/bins.tar.xz from mkvariants_s33f.sh: build = the library with
# SM90_PLAN_ALLARRIVE=1, build_PA0 = the one-lane arrivals of before):
#   1. racecheck of both at d128 on run pages 44 / 100 / 101 (6 cases, one seed: PA0 is the
#      control that should reproduce call 5's hazards); build forced to sm90 at d128 on run pages
#      (60 cases) and the default list (40), automatic (40);
#   2. ncu A/B, d128 pages 44 / 100 / 127 and contiguous, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33f build_PA0/pa-bench
for v in build build_PA0; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=6 PA_TEST_SEED=33700 timeout 200 \
        compute-sanitizer --tool racecheck $v/test_gpu > $T/${v}_rc.log 2>&1 &
done
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=33701 timeout 150 build/test_gpu > $T/runs128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=33702 timeout 150 build/test_gpu > $T/sm90_128.log 2>&1 &
PA_TEST_CASES=40 PA_TEST_SEED=33703 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
wait
test_summary
AB_PREFIX=p128 ab_if_passed "runs128 sm90_128 auto" "build build_PA0" --dims 128 --pages 44,100,127 --causal both
dev_end logs_s33f
