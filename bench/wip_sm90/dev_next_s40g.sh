#!/bin/bash
# Build (the knob left the source): git apply bench/wip_sm90/diag_p.patch, then mkvariant_lib.sh's
#   ALLOW_SPILLS=1 mk build_DP -DSM90_DIAG_P=1 (the d64 TMA instances spill 4 bytes: unused here), pack build_DP.
# Session 40, after s40f (D1: no page-table loads -1.0% at pages 8 / 16 / 64; D2: contiguous in
# 8-row boxes +0.2%): is the loads' cost the CTA's start (the first tile's lookup before its first
# TMA) or every tile? build_DP with mode 3: the first tile's table entries prefetched into L1 by the
# producer warps before the barrier setup. ncu of modes 0 / 1 / 3, 2 passes, d128 causal both,
# pages 8 / 16 / 64 (tests: forced sm90 d128 at modes 3 and 0). Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40g build_DP/pa-bench
B=build_DP
env PA_SM90_DIAG_P=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40601 timeout 150 \
    $B/test_gpu > "$T/DP3_sm90_128.log" 2>&1 &
env PA_SM90_DIAG_P=0 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40602 timeout 150 \
    $B/test_gpu > "$T/DP0_sm90_128.log" 2>&1 &
wait
test_summary
mode_ab PA_SM90_DIAG_P $B "D0=0 D1=1 D3=3" --dims 128 --causal both --pages 8,16,64
dev_end logs_s40g
