#!/bin/bash
# Session 29, call 7 (carry .carry/bins.tar.xz from mkvariants_s29g.sh): M64 (SM90_RUNS_SHARE=1, build_PS).
#   1. tests of build_PS: forced sm90 at d128 / d256 on run pages (and the default page list, which
#      has padded strides), the last-wave pieces, racecheck and memcheck on run pages;
#   2. if they pass, ncu A/B of build (2.41's SASS) and build_PS at run pages 44 / 51 / 100 / 127 and
#      PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29g build_PS/pa-bench
S="PA_TEST_KERNEL=sm90"
for d in 128 256; do
  env $S PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 PA_TEST_SEED=$((29800 + d)) timeout 60 build_PS/test_gpu > $T/PS_runs$d.log 2>&1 &
  env $S PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((29900 + d)) timeout 60 build_PS/test_gpu > $T/PS_sm90_$d.log 2>&1 &
done
env $S PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=44,100,101 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=29950 timeout 60 build_PS/test_gpu > $T/PS_tail.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=29951 timeout 60 compute-sanitizer --tool racecheck build_PS/test_gpu > $T/PS_rc.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=29952 timeout 60 compute-sanitizer --tool memcheck build_PS/test_gpu > $T/PS_mc.log 2>&1 &
wait
test_summary
ab_if_passed "PS_runs128 PS_runs256 PS_sm90_128 PS_sm90_256 PS_tail" "build build_PS" --dims 128,256 --pages 44,48,51,100,127 --causal both
dev_end logs_s29g
