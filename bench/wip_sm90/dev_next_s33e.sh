#!/bin/bash
# Session 33, call 5 (carry .carry/bins.tar.xz from mkvariants_s33e.sh): d128 page-run variants
# for causal page 100 (RO: overlapping run boxes, AW2: M65 in the plain-layout instances, AWW:
# AW2 + M68).
#   1. each variant forced to sm90 at d128 on run pages (43..200, 60 cases) and the default list
#      (40 cases); racecheck of RO and AWW on pages 44 / 100 / 101;
#   2. if they pass, ncu A/B at d128 pages 44 / 100 / 127 and contiguous, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33e build_RO/pa-bench
for v in RO AW2 AWW; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
        PA_TEST_SEED=33600 timeout 150 build_$v/test_gpu > $T/${v}_runs.log 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=33601 timeout 150 build_$v/test_gpu > $T/${v}_sm90.log 2>&1 &
done
for v in RO AWW; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=33602 timeout 150 \
        compute-sanitizer --tool racecheck build_$v/test_gpu > $T/${v}_rc.log 2>&1 &
done
wait
test_summary
AB_PREFIX=r128 ab_if_passed "RO_runs RO_sm90 AW2_runs AW2_sm90 AWW_runs AWW_sm90" "build build_RO build_AW2 build_AWW" --dims 128 --pages 44,100,127 --causal both
dev_end logs_s33e
