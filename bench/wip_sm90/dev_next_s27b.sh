#!/bin/bash
# Session 27, call 2 (carry .carry/bins.tar.xz from mkvariants_s27b.sh): the d256 gather without
# the pause after a tile's last copy group (build_PL0, 32 ns pauses; build_PL48, 48 ns; build_PL16,
# 16 ns) against build (HEAD: M58 + M59), forced-gather tests of each at d256 and racecheck of PL0.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27b build_PL16/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=7200 timeout 100 compute-sanitizer --tool racecheck build_PL0/test_gpu > $T/PL0_rc.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=7201 timeout 100 build_PL0/test_gpu > $T/PL0_gpages.log 2>&1 &
gather_ab "build_PL0 build_PL48 build_PL16" 256 1,3,4 40 7210
dev_end logs_s27b
