#!/bin/bash
# Session 41, integrated benchmark of the library with M75 (SM90_PAIR_SHARE_D256=1: the d256 PAIR
# instances' page lookups by warp 0 alone, shared with warps 1..3; SASS 44 of 44 identical to
# s41a's build_P256, which passed its tests, racecheck and memcheck there). A short forced-sm90
# d256 test first, then dev_s14f.sh PHASE=bench (RESULTS 2.51).
# Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41b build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=8,16,48,100,256 PA_TEST_CASES=20 PA_TEST_SEED=41301 timeout 60 \
    build/test_gpu > "$T/lib_sm90_256.log" 2>&1
test_summary
bench_if_passed lib_sm90_256
dev_end logs_s41b
