#!/bin/bash
# Session 30 (carry .carry/bins.tar.xz with build_GX: SM90_GATHER_ALLWAIT=7, SM90_PROD_ALLWAIT_D256=2):
# M67, the gather producers waiting with every lane (a warp-vote exit) and lane 0's mask stores and
# arrival predicated, at every head_dim; and M65 in d256's plain-layout TMA instances (contiguous,
# runs), not its PAIR ones.
#   1. tests of build_GX: forced gather at each head_dim, the d256 gather's small pages, its tail
#      pieces, racecheck and memcheck (d256_checks), racecheck of the d64 / d128 gathers, forced sm90 at
#      d256 on run pages and the default list;
#   2. if they pass, ncu A/B of build and build_GX at pages 1 / 3 / 4 (gather), 44 / 100 (runs at
#      d128 / d256; d64: unchanged instances) and contiguous, every head_dim, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30e build_GX/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for d in 64 128; do
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((30600 + d)) timeout 150 build_GX/test_gpu > $T/GX_g$d.log 2>&1 &
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,3,17 PA_TEST_CASES=3 PA_TEST_SEED=$((30700 + d)) timeout 150 \
        compute-sanitizer --tool racecheck build_GX/test_gpu > $T/GX_rc$d.log 2>&1 &
done
d256_checks GX build_GX 30800
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=30900 timeout 150 build_GX/test_gpu > $T/GX_runs256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=30901 timeout 150 build_GX/test_gpu > $T/GX_sm90_256.log 2>&1 &
wait
test_summary
ab_if_passed "GX_g64 GX_g128 GX_g256 GX_gpages GX_gtail GX_runs256 GX_sm90_256" "build build_GX" --dims 64,128,256 --pages 1,3,4,44,100 --causal both
dev_end logs_s30e
