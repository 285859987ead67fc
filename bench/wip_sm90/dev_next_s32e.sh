#!/bin/bash
# Session 32, call 5 (carry .carry/bins.tar.xz: build = the library, build_LZ = SM90_LAZY_G128=8,
# M21's lazy rescaling of O in the d128 gather alone). Call 4's profile: the d128 gather's consumers
# execute 13% more instructions than the 176-key contiguous kernel's, +38M FMULs of them (O's
# rescale a 128-key tile). M21 at d128 lost 1% in session 10 (contiguous, sustained), never tried
# on the gather.
#   1. LZ's tests forced to the d128 gather (default list, pages 1..17, racecheck), build's automatic;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32e build_LZ/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_CASES=40 PA_TEST_SEED=32900 timeout 150 build_LZ/test_gpu > $T/LZ_g.log 2>&1 &
env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=32901 timeout 150 build_LZ/test_gpu > $T/LZ_gpages.log 2>&1 &
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=32902 timeout 150 compute-sanitizer --tool racecheck build_LZ/test_gpu > $T/LZ_rc.log 2>&1 &
PA_TEST_SEED=32903 timeout 150 build_LZ/test_gpu > $T/LZ_auto.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "LZ_g LZ_gpages LZ_auto" "build build_LZ" --dims 128 --pages 1,3,4 --causal both
dev_end logs_s32e
