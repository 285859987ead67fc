#!/bin/bash
# Build (the knob left the source): git apply bench/wip_sm90/diag_p.patch, then mkvariant_lib.sh's
#   ALLOW_SPILLS=1 mk build_DP -DSM90_DIAG_P=1 (the d64 TMA instances spill 4 bytes: unused here), pack build_DP.
# Session 40, after M73: where the d128 TMA regimes' paged overhead lives. build_DP
# (-DSM90_DIAG_P=1, one binary, PA_SM90_DIAG_P at run time): 1 = the producer's page-table loads
# replaced by pool-order pages (timing only), 2 = contiguous calls cut into 8-row PAIR boxes as at
# page 8 (22 a 176-key tile, 16 a 128-key one; results exact). Tests of mode 2 (forced sm90 d128),
# then ncu of modes 0 / 1 / 2 alternated, 2 passes, d128 causal both, pages 8 / 16 / 64 / 100.
# Carry .carry/bins.tar.xz with build/ and build_DP/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40f build_DP/pa-bench
B=build_DP
env PA_SM90_DIAG_P=2 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40601 timeout 150 \
    $B/test_gpu > "$T/DP2_sm90_128.log" 2>&1 &
env PA_SM90_DIAG_P=0 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40602 timeout 150 \
    $B/test_gpu > "$T/DP0_sm90_128.log" 2>&1 &
wait
test_summary
mode_ab PA_SM90_DIAG_P $B "D0=0 D1=1 D2=2" --dims 128 --causal both --pages 8,16,64,100
dev_end logs_s40f
