#!/bin/bash
# Session 27, call 5 (carry .carry/bins.tar.xz from mkvariants_s27e.sh): build_PC (the d256 TMA
# producers skip the PRE mask-word ballots when a tile has no bad page) against build: forced-sm90
# tests at d256 (all pages; TMA page sizes 8..672) and racecheck, then the ncu A/B at d256 pages
# 8 / 16 / 64 / 100, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27e build_PC/pa-bench
forced_sm90 "build_PC" 40 7500
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=8,16,48,64,100,128,672 PA_TEST_CASES=40 PA_TEST_SEED=7510 timeout 90 build_PC/test_gpu > $T/PC_tma256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=8,100 PA_TEST_CASES=3 PA_TEST_SEED=7511 timeout 150 compute-sanitizer --tool racecheck build_PC/test_gpu > $T/PC_rc.log 2>&1 &
wait
test_summary
ncu_ab "build build_PC" --dims 256 --pages 8,16,64,100 --causal both
dev_end logs_s27e
