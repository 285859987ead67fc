#!/bin/bash
# Session 32, call 6 (carry .carry/bins.tar.xz: build = the library; build_LV4 = the d128 gather's
# (The knob SM90_GATHER_LPRV_D<D> left the source after this call: apply bench/wip_sm90/lprv.patch to rebuild the variants.)
# V warps at 4 lanes a row, K's at 8 (SM90_GATHER_LPRV_D128=4); build_LK4 = K's at 4, V's at 8).
# Call 4's profile: with 4 lanes a row in both (M69 at d128, +4..5%) the consumers wait longer on
# K's full barrier (10.6K samples against 8.6K): K's copies land later. V's tile is read one
# wgmma later (P V(j-1) with S(j)), so V's warps may take M69's fewer instructions without the wait.
# The knob wraps the gather's body in a lambda per setting: 4 functions of the library's SASS moved
# (the d64 gather's prologue: uniform registers renamed, 45 of 5808 lines; the d128 gather's TAIL
# instances), so build_P64 (the library before the wrapper, SASS equal to 2.46's) against build at d64.
#   1. tests of both forced to the d128 gather (default list, pages 1..17, racecheck of LV4), build's
#      d64 gather;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both; d64 P64 vs build.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32f build_LV4/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
for v in LV4 LK4; do
    env $G PA_TEST_CASES=30 PA_TEST_SEED=33000 timeout 120 build_$v/test_gpu > $T/${v}_g.log 2>&1 &
    env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=33001 timeout 120 build_$v/test_gpu > $T/${v}_gpages.log 2>&1 &
done
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=33002 timeout 120 compute-sanitizer --tool racecheck build_LV4/test_gpu > $T/LV4_rc.log 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=30 PA_TEST_SEED=33003 timeout 120 build/test_gpu > $T/build_g64.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "LV4_g LV4_gpages LK4_g LK4_gpages" "build build_LV4 build_LK4" --dims 128 --pages 1,3,4 --causal both
AB_PREFIX=g64 ab_if_passed "build_g64" "build_P64 build" --dims 64 --pages 1,3,4 --causal both
dev_end logs_s32f
