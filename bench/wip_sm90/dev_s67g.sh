#!/bin/bash
# Session 67: is v_unc's +5 points (M96's CL instance, uncoupled) the cluster barrier each CTA
# passes at its start? v_unb (-DSM90_CL_UNCOUPLED -DSM90_CL_NOBAR: __syncthreads in its place,
# safe with no remote operation) against v_unc and the library's instance (build, --cluster 0),
# pa-bench --cluster 2 under ncu, d64 both masks, page 8, PASSES passes (default 3).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67g /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=30 PA_TEST_SEED=6731 timeout 100 v_unb/test_gpu > "$T/unb_cl2.log" 2>&1
test_summary
ncu_vc "build:0 v_unc:2 v_unb:2" "${PASSES:-3}" --dims 64 --pages 8 --causal both --iters 2
dev_end logs_s67g
