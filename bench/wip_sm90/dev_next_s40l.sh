#!/bin/bash
# Session 40, integrated benchmark of the library with M74 (SM90_PAIR_SHARE=1: the 176-key PAIR
# instances' page lookups by warp 0 alone, shared with warps 1..3; SASS of those 2 functions
# identical to build_PS's, which passed s40k's tests, racecheck and memcheck; the other 42 functions
# are 2.49's). A short forced-sm90 d128 test first, then dev_s14f.sh PHASE=bench (RESULTS 2.50).
# Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40l build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,48,100,256 PA_TEST_CASES=20 PA_TEST_SEED=41201 timeout 60 \
    build/test_gpu > "$T/lib_sm90_128.log" 2>&1
test_summary
bench_if_passed lib_sm90_128
dev_end logs_s40l
