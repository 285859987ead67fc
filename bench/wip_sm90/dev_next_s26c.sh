#!/bin/bash
# Session 26, call 3: the d128 and d256 gathers' copies paced (build_A32 / build_B96 /
# build_C200: a nanosleep of 32 / 96 / 200 ns after each 4-row copy group at d128 and d256) against build: a
# short forced-gather test of each at each head_dim, ncu A/B at pages 1 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26c build_C200/pa-bench
for v in build_A32 build_B96 build_C200; do
  for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=15 PA_TEST_SEED=$((6020 + d)) timeout 150 $v/test_gpu > $T/${v}_g$d.log 2>&1 &
  done
done
wait
test_summary
ncu_ab "build build_A32 build_B96 build_C200" --dims 256,128 --pages 1,4 --causal both
dev_end logs_s26c
