#!/bin/bash
# Session 25, call 4 (carry .carry/bins.tar.xz from mkvariants_s25d.sh): ncu A/B build (M54) /
# build_K3G (d256 gather, 3 K stages) / build_S4 (d64 gather, 4 stages) at pages 1, 4, causal both;
# forced-gather tests of both variants first.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25d build_S4/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=5200 timeout 150 build_K3G/test_gpu > $T/K3G_g256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=5201 timeout 150 build_S4/test_gpu > $T/S4_g64.log 2>&1 &
wait
test_summary
ncu_ab "build build_K3G build_S4" --dims 256,64 --pages 1,4 --causal both
dev_end logs_s25d
