#!/bin/bash
# Build (the knob left the source): git apply bench/wip_sm90/diag_p.patch, then mkvariant_lib.sh's
#   ALLOW_SPILLS=1 mk build_DP -DSM90_DIAG_P=1 (the d64 TMA instances spill 4 bytes: unused here), pack build_DP.
# Session 40, after s40g (mode 3, the first tile's entries prefetched at the start: +0.1..0.2%, so
# the table loads' cost is per tile): mode 4, each tile's page-table entries prefetched into L1 one
# tile ahead by the lanes that will load them (no registers carried). ncu of modes 0 / 1 / 4, 2
# passes, d128 causal both, pages 8 / 16 / 64; tests at modes 4 and 0. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40h build_DP/pa-bench
B=build_DP
env PA_SM90_DIAG_P=4 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40601 timeout 150 \
    $B/test_gpu > "$T/DP4_sm90_128.log" 2>&1 &
env PA_SM90_DIAG_P=0 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40602 timeout 150 \
    $B/test_gpu > "$T/DP0_sm90_128.log" 2>&1 &
wait
test_summary
mode_ab PA_SM90_DIAG_P $B "D0=0 D1=1 D4=4" --dims 128 --causal both --pages 8,16,64
dev_end logs_s40h
