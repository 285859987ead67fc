#!/bin/bash
# Session 31, the last call (carry .carry/bins.tar.xz: build = 2.44's library + M69 at d256,
# SM90_GATHER_LPR_D256=4): the integrated run of 2.45.
#   1. tests of build (build_checks: automatic, forced sm90 and gather at each head_dim, the d256
#      gather's pages, tail pieces, racecheck, memcheck) and the d256 gather with 64-bit offsets;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t31d build/pa-bench
build_checks 32000 "64 128 256"
env PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 \
    PA_TEST_SEED=32100 timeout 150 build/test_gpu > $T/gwide256.log 2>&1 &
wait
test_summary
dev_end logs_s31d
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
