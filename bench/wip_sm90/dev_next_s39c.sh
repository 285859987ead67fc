#!/bin/bash
# Session 39, M72 (SM90_PAIR_UNIFORM=1, build_PU): the PAIR boxes issued by a loop in uniform control
# flow (warp index by shuffle, each box's page coordinate reduced into a uniform register by redux,
# one elected lane issues) instead of every lane issuing its own box through ptxas's loop over the
# active lanes (six R2UR a box). PA_SM90_PAIR_GLOBAL pools only; not the 128-key d128 instances
# (their producer spills 4 bytes with it). Carry .carry/bins.tar.xz with build/ and build_PU/.
#   1. build_PU's tests: forced sm90 at each head_dim (40 cases), PAIR pages 8..256 forced at each
#      head_dim, automatic; racecheck and memcheck at pages 8 / 16 / 48 / 100 / 101;
#   2. if they pass, ncu A/B of build and build_PU at pages 8 / 16 / 48 / 64 and contiguous, every
#      head_dim, causal both (d128 causal runs the unchanged 128-key kernel: a control row).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t39c build_PU/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,24,32,48,64,96,128,256 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 \
        PA_TEST_SEED=$((39300 + d)) timeout 150 build_PU/test_gpu > "$T/PU_pair$d.log" 2>&1 &
done
tma_variant_checks PU build_PU 39400 150
ab_if_passed "build_PU_sm90_64 build_PU_sm90_128 build_PU_sm90_256 PU_auto PU_pair64 PU_pair128 PU_pair256" "build build_PU" \
    --dims 64,128,256 --pages 8,16,48,64 --causal both
dev_end logs_s39c
