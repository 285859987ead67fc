#!/bin/bash
# Session 29, call 5 (carry .carry/bins.tar.xz from mkvariants_s29e.sh): M63 (SM90_RUNS_1W=1, build_R1).
#   1. tests of build_R1: forced sm90 at d128 / d256 on run pages (and the default page list, which
#      has padded strides), the last-wave pieces, racecheck and memcheck on run pages;
#   2. if they pass, ncu A/B of build (2.41's SASS) and build_R1 at run pages 44 / 51 / 76 / 100 / 127
#      and PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29e build_R1/pa-bench
S="PA_TEST_KERNEL=sm90"
for d in 128 256; do
  env $S PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 PA_TEST_SEED=$((29500 + d)) timeout 150 build_R1/test_gpu > $T/R1_runs$d.log 2>&1 &
  env $S PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((29600 + d)) timeout 150 build_R1/test_gpu > $T/R1_sm90_$d.log 2>&1 &
done
env $S PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=44,100,101 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=29700 timeout 150 build_R1/test_gpu > $T/R1_tail.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=29701 timeout 200 compute-sanitizer --tool racecheck build_R1/test_gpu > $T/R1_rc.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=29702 timeout 200 compute-sanitizer --tool memcheck build_R1/test_gpu > $T/R1_mc.log 2>&1 &
wait
test_summary
ab_if_passed "R1_runs128 R1_runs256 R1_sm90_128 R1_sm90_256 R1_tail" "build build_R1" --dims 128,256 --pages 44,48,51,76,100,127 --causal both
dev_end logs_s29e
