#!/bin/bash
# Session 31, call 2 (carry .carry/bins.tar.xz from mkvariants_s31b.sh): build = the library with
# M68 at d256 (plain-layout instances); build_W128 = M65 + M68 at d128 too; build_HR = the d64
# gather on half rows (M69).
#   1. tests: build_W128 through tma_variant_checks (forced sm90 at each head_dim, automatic,
#      racecheck / memcheck on PAIR and run pages); build_HR forced to the d64 gather (default list,
#      pages 1..17, 64-bit offsets), racecheck and memcheck there; build forced sm90 at d256;
#   2. if they pass, ncu A/B: d128 build vs build_W128 at pages 8..128 and contiguous, causal both;
#      d64 build vs build_HR at gather pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t31b build_HR/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64"
env $G PA_TEST_CASES=40 PA_TEST_SEED=31301 timeout 150 build_HR/test_gpu > $T/HR_g64.log 2>&1 &
env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=40 PA_TEST_SEED=31302 timeout 150 build_HR/test_gpu > $T/HR_gpages.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 PA_TEST_SEED=31303 timeout 150 build_HR/test_gpu > $T/HR_gwide.log 2>&1 &
env $G PA_TEST_PAGES=1,3,17 PA_TEST_CASES=3 PA_TEST_SEED=31304 timeout 150 compute-sanitizer --tool racecheck build_HR/test_gpu > $T/HR_rc.log 2>&1 &
env $G PA_TEST_PAGES=1,5 PA_TEST_CASES=4 PA_TEST_SEED=31305 timeout 150 compute-sanitizer --tool memcheck build_HR/test_gpu > $T/HR_mc.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=31306 timeout 150 build/test_gpu > $T/build_sm90_256.log 2>&1 &
tma_variant_checks W128 build_W128 31310 150
AB_PREFIX=hr ab_if_passed "HR_g64 HR_gpages HR_gwide" "build build_HR" --dims 64 --pages 1,3,4 --causal both
AB_PREFIX=w ab_if_passed "build_W128_sm90_64 build_W128_sm90_128 build_W128_sm90_256 W128_auto build_sm90_256" "build build_W128" --dims 128 --pages 8,16,32,44,48,64,100,128 --causal both
dev_end logs_s31b
