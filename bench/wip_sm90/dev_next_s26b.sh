#!/bin/bash
# Session 26, call 2: the d256 gather's copies paced by nanosleep (build_P16 / build_P48: after
# each 4-row copy group in all four copying warps, 16 / 48 ns; build_PK48: K's warps only)
# against build: ncu A/B at d256 pages 1 / 4, causal both; a short forced-gather test of each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26b build_PK48/pa-bench
for v in build_P16 build_P48 build_PK48; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 PA_TEST_SEED=6010 timeout 150 $v/test_gpu > $T/${v}_g256.log 2>&1 &
done
wait
test_summary
ncu_ab "build build_P16 build_P48 build_PK48" --dims 256 --pages 1,4 --causal both
dev_end logs_s26b
