#!/bin/bash
# Session 26, call 5: the d64 gather paced (build_E8 / build_E4: 32 ns after every 8 / 4 copy
# groups; build_E8L: 64 ns every 8) against build: a short forced-gather test of each at d64, ncu
# A/B at d64 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26e build_E8L/pa-bench
for v in build_E8 build_E4 build_E8L; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=20 PA_TEST_SEED=6200 timeout 150 $v/test_gpu > $T/${v}_g64.log 2>&1 &
done
wait
test_summary
ncu_ab "build build_E8 build_E4 build_E8L" --dims 64 --pages 1,3,4 --causal both
dev_end logs_s26e
