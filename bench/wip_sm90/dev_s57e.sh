#!/bin/bash
# Session 57: the sanitizers over M86's d256 instances (committed build): memcheck forced sm90 at
# d256 on PAIR and run pages, racecheck on the pages dev_s57b's run did not cover, 3 cases each,
# PA_TEST_LONG_RANGE=0 (3.3n: those cases take minutes under the sanitizers).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57e build/pa-bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0"
env $S PA_TEST_PAGES=8,16,100,101 PA_TEST_SEED=5901 timeout ${TO:-150} compute-sanitizer --tool memcheck build/test_gpu > "$T/mc_256.log" 2>&1 &
env $S PA_TEST_PAGES=16,44,48,127 PA_TEST_SEED=5902 timeout ${TO:-150} compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_256b.log" 2>&1 &
wait
test_summary
dev_end logs_s57e
