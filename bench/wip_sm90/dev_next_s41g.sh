#!/bin/bash
# Session 41: M77 (SM90_PT_SMEM=1, measurement knob): the d128 TMA producers stage the CTA's page-table
# entries in shared memory once (up to 2048; 3.2y: the per-tile global loads cost about a point at
# pages 8 / 64 / 100) and look pages up by LDS. build_PT: the 16 d128 TMA functions differ, 0 spills
# (d64 / d256 spill with it: off there). Tests (forced sm90 at each head_dim, automatic, page runs at
# d128, the last-wave split, racecheck and memcheck at TMA pages), then ncu A/B build vs build_PT at
# d128, causal both, pages 8 / 16 / 32 / 64 / 100 / 128.
# Build: . bench/wip_sm90/mkvariant_lib.sh && mk build_PT -DSM90_PT_SMEM=1 && pack build_PT.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41g build_PT/pa-bench
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=41700 timeout 150 build_PT/test_gpu > "$T/PT_runs128.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,44,100,256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 \
    PA_TEST_SEED=41701 timeout 150 build_PT/test_gpu > "$T/PT_tail128.log" 2>&1 &
tma_variant_checks PT build_PT 41710 150
ab_if_passed "build_PT_sm90_64 build_PT_sm90_128 build_PT_sm90_256 PT_auto PT_runs128 PT_tail128" \
    "build build_PT" --dims 128 --pages 8,16,32,64,100,128 --causal both
dev_end logs_s41g
