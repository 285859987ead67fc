#!/bin/bash
# Session 67: why M96's clusters cost d64 page 8 / 16 +7..8 points (dev_s67c). Builds: build (2
# stages), v_s4 (-DSM90_STAGES_D64=4: a deeper ring to absorb the two CTAs' coupling), v_nomc
# (-DSM90_CL_NOMC: the coupling alone, each CTA loading its whole tiles, no multicast). Each with
# pa-bench --cluster 0 / 2 under ncu (d64, both masks, pages 8 / 16), PASSES passes (default 2);
# v_s4's tests with clusters first.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67d /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=40 PA_TEST_SEED=6711 timeout 100 v_s4/test_gpu > "$T/s4_cl2.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=40 PA_TEST_SEED=6712 timeout 100 v_nomc/test_gpu > "$T/nomc_cl2.log" 2>&1 &
wait
test_summary
ncu_vc "build:0 build:2 v_s4:0 v_s4:2 v_nomc:0 v_nomc:2" "${PASSES:-2}" --dims 64 --pages 8,16 --causal both --iters 2
dev_end logs_s67d
