#!/bin/bash
# Prepared in session 31 (carry .carry/bins.tar.xz from mkvariants_s32.sh): the d256 gather's pause
# (M58) at 0 / 16 / 48 / 64 ns against the library's 32, with M69's 8-row copy groups; and
# build_L8P16 (M69 off, 16 ns a 4-row group: the library's pause a tile without M69's shuffles).
#   1. tests of each variant forced to the d256 gather (default list, pages 1..17), racecheck of one;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32a build_P0/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256"
for v in P0 P16 P48 P64 L8P16; do
    env $G PA_TEST_CASES=30 PA_TEST_SEED=32200 timeout 150 build_$v/test_gpu > $T/${v}_g.log 2>&1 &
    env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=32201 timeout 150 build_$v/test_gpu > $T/${v}_gpages.log 2>&1 &
done
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=32202 timeout 200 compute-sanitizer --tool racecheck build_P48/test_gpu > $T/P48_rc.log 2>&1 &
wait
test_summary
ab_if_passed "P0_g P0_gpages P16_g P16_gpages P48_g P48_gpages P64_g P64_gpages L8P16_g L8P16_gpages" "build build_P0 build_P16 build_P48 build_P64 build_L8P16" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s32a
