#!/bin/bash
# Session 32, call 3 (carry .carry/bins.tar.xz: build = the library with M70, SM90_GATHER_PACE_D256=64;
# build_LL0 = SM90_GATHER_LATE_LOOKUP_D128=0, M33's late lookups at d128 re-checked after M58..M69):
#   1. tests of build (build_checks: automatic, forced sm90 and gather at each head_dim, the d256
#      gather's pages, tail pieces, racecheck, memcheck), the d256 gather with 64-bit offsets, LL0's
#      d128 gather;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench): 2.46;
#   3. if time is left, ncu A/B of LL0 against build at d128 gather pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32c build/pa-bench
build_checks 32600 "64 128 256"
env PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 \
    PA_TEST_SEED=32700 timeout 150 build/test_gpu > $T/gwide256.log 2>&1 &
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_CASES=30 PA_TEST_SEED=32800 timeout 150 build_LL0/test_gpu > $T/LL0_g.log 2>&1 &
env $G PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=32801 timeout 150 build_LL0/test_gpu > $T/LL0_gpages.log 2>&1 &
wait
test_summary
dev_end logs_s32c
AB_PREFIX=g128 integrated_bench 480 "LL0_g LL0_gpages" "build build_LL0" --dims 128 --pages 1,3,4 --causal both
dev_end logs_s32c_ab
