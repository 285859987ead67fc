#!/bin/bash
# Prepared in session 29 (carry .carry/bins.tar.xz from mkvariants_s30b.sh): M64 at d128 only, every
# lane waiting on the plan records' barriers (build_PS1).
#   1. tests of build_PS1: forced sm90 at d128 on run pages and on the default list, d128 last-wave
#      pieces, racecheck (must be 0 hazards now) and memcheck on run pages;
#   2. if they pass, ncu A/B of build and build_PS1 at d128 run pages 44 / 51 / 100 / 101 / 127 and
#      PAIR 48, causal both (non-causal 100 / 101 / 127 run on the 176-key tiles: unchanged rows).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30b build_PS1/pa-bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128"
env $S PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 PA_TEST_SEED=30101 timeout 90 build_PS1/test_gpu > $T/PS1_runs128.log 2>&1 &
env $S PA_TEST_CASES=40 PA_TEST_SEED=30102 timeout 90 build_PS1/test_gpu > $T/PS1_sm90_128.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=30103 timeout 90 build_PS1/test_gpu > $T/PS1_tail.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=30104 timeout 90 compute-sanitizer --tool racecheck build_PS1/test_gpu > $T/PS1_rc.log 2>&1 &
env $S PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=30105 timeout 90 compute-sanitizer --tool memcheck build_PS1/test_gpu > $T/PS1_mc.log 2>&1 &
wait
test_summary
ab_if_passed "PS1_runs128 PS1_sm90_128 PS1_tail" "build build_PS1" --dims 128 --pages 44,48,51,100,101,127 --causal both
dev_end logs_s30b
