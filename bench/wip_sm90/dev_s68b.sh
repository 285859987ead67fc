#!/bin/bash
# Session 68: d64 causal contiguous / page 8 under ncu (never copying), PASSES passes (default 4)
# alternating 8 builds: the library (build), code shifts of it (v_p1 / v_p3 / v_p5: SM90_PAD_D64),
# and M97's warp-uniform PAIR issue at the same shifts (v_u0 / v_u1 / v_u3 / v_u5). Tests of v_u0
# (forced sm90 d64) first. Builds: bench/wip_sm90/mkvariants_s68b.sh.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68b /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=6864 timeout 100 v_u0/test_gpu > "$T/u0_sm90_64.log" 2>&1
test_summary
ncu_passes "build v_p1 v_p3 v_p5 v_u0 v_u1 v_u3 v_u5" 330 "${PASSES:-4}" --dims 64 --pages 8 --causal 1 --iters 2
dev_end logs_s68b
