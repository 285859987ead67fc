#!/bin/bash
# Session 30, the last call (carry .carry/bins.tar.xz: build = 2.42's library + M65 in d256's
# plain-layout TMA instances + M67 in the d256 gather): the integrated run of 2.43.
#   1. tests of build (build_checks: automatic, forced sm90 and gather at each head_dim, the d256
#      gather's pages, tail pieces, racecheck, memcheck) and forced sm90 at d256 on run pages;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30f build/pa-bench
build_checks 31000 "64 128 256"
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=31100 timeout 150 build/test_gpu > $T/runs256.log 2>&1 &
wait
test_summary
dev_end logs_s30f
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
