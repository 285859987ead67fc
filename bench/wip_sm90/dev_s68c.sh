#!/bin/bash
# Session 68: M97 at d128 and d64's non-causal rows. Tests of v_w0 / v_w1 (forced sm90 d128); ncu
# (never copying), 3 passes alternating: d128 causal contiguous / 8 / 100 over the library (build),
# v_w0 / v_w2 / v_w4 (SM90_PAIR_UISSUE_D128 at code shifts 0 / 2 / 4), v_q2 (the library shifted
# by 2) and v_w1 (SM90_PLAIN_UISSUE_D128); then d64 non-causal contiguous / 8 / 16, build vs v_u0
# (SM90_PAIR_UISSUE_D64). Builds: bench/wip_sm90/mkvariants_s68c.sh.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68c /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=6828 timeout 100 v_w0/test_gpu > "$T/w0_sm90_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=6829 timeout 100 v_w1/test_gpu > "$T/w1_sm90_128.log" 2>&1 &
wait
test_summary
AB_PREFIX=c ncu_passes "build v_w0 v_w2 v_w4 v_q2 v_w1" 250 3 --dims 128 --pages 8,100 --causal 1 --iters 2
AB_PREFIX=n ncu_passes "build v_u0" 400 3 --dims 64 --pages 8,16 --causal 0 --iters 2
dev_end logs_s68c
