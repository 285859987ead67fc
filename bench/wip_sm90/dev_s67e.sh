#!/bin/bash
# Session 67: M96's cost split further: v_unc (-DSM90_CL_UNCOUPLED: the CL instance's code and the
# cluster launch with every CTA solo, no remote arrival, no multicast) against build and v_nomc
# (the coupling without multicast), pa-bench --cluster 0 / 2 under ncu, d64 both masks, page 8.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67e /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=30 PA_TEST_SEED=6721 timeout 100 v_unc/test_gpu > "$T/unc_cl2.log" 2>&1
test_summary
ncu_vc "build:0 build:2 v_unc:2 v_nomc:2" 2 --dims 64 --pages 8 --causal both --iters 2
dev_end logs_s67e
