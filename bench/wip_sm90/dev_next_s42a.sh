#!/bin/bash
# Prepared in session 41 (compile-checked, not run). Two things, one call (~3 min + the cold start):
# 1. M77's fallback on the library: a CTA whose key range spans more than SM90_PT_CAP = 2048 pages
#    keeps the per-tile global loads. test_gpu's long cases (every 10th, 16384..17407 keys) reach it
#    only at page 8 (PA_TEST_PAGES=8: cases 9 / 19 / 29 / 39, 2048..2176 pages), never from the
#    default page list. Forced sm90 d128 at page 8, 40 cases, and the same under memcheck.
# 2. M77 at d256 (build_P3: -DSM90_PT_SMEM=3; the d256 TMA producers stage the entries too, with 48
#    registers against the consumers' 224 as the TAIL instances, SM90_PT_MORE_REGS, since 40 spilled;
#    8 d256 functions differ, 0 spills). 3.2y: without the loads d256 pages 8 / 64 / 100 -0.8..-2.0%.
#    Tests (tma_variant_checks, the last-wave split at d256, page runs at d256), then ncu A/B build vs
#    build_P3 at d256, causal both, pages 8 / 16 / 32 / 64 / 100 / 128 (and contiguous: the register
#    split moves it too). Adopt if the paged rows gain without the contiguous row losing.
# Builds (fresh checkout): . bench/wip_sm90/mkvariant_lib.sh && mk build_P3 -DSM90_PT_SMEM=3 && pack build_P3
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t42a build_P3/pa-bench
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8 PA_TEST_CASES=40 PA_TEST_SEED=42001 timeout 200 \
    build/test_gpu > "$T/lib_long8.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8 PA_TEST_CASES=20 PA_TEST_SEED=42002 timeout 200 \
    compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/lib_long8_mc.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=8,16,64,100,256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 \
    PA_TEST_SEED=42003 timeout 150 build_P3/test_gpu > "$T/P3_tail256.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=42004 timeout 150 build_P3/test_gpu > "$T/P3_runs256.log" 2>&1 &
tma_variant_checks P3 build_P3 42010 150
ab_if_passed "lib_long8 build_P3_sm90_64 build_P3_sm90_128 build_P3_sm90_256 P3_auto P3_tail256 P3_runs256" \
    "build build_P3" --dims 256 --pages 8,16,32,64,100,128 --causal both
dev_end logs_s42a
