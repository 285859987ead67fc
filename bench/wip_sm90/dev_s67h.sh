#!/bin/bash
# Session 67: is the rest of v_unb's cost (M96's CL instance uncoupled, no cluster barrier: +7.1..7.7
# against +3.2) the per-thread empty arrivals with a register count (SYNCS.ARRIVE.TRANS64.ART0, two
# units each) where the library's arrive with an immediate 1 (A1T0)? v_uni (-DSM90_CL_IMM: one or two
# immediate arrivals instead) against v_unb and build (--cluster 0), ncu, d64 both masks, page 8,
# PASSES passes (default 2).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67h /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=30 PA_TEST_SEED=6741 timeout 100 v_uni/test_gpu > "$T/uni_cl2.log" 2>&1
test_summary
ncu_vc "build:0 v_unb:2 v_uni:2" "${PASSES:-2}" --dims 64 --pages 8 --causal both --iters 2
dev_end logs_s67h
