#!/bin/bash
# Session 26, call 6: M58's pause refined at d256 (build_S2: two 16 ns pauses a 4-row group;
# build_K48: K's warps 48 ns, V's 32; build_V16: K's 32, V's 16) against build (32 ns after each
# group): a short forced-gather test of each at d256, ncu A/B at d256 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26f build_V16/pa-bench
for v in build_S2 build_K48 build_V16; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 PA_TEST_SEED=6300 timeout 150 $v/test_gpu > $T/${v}_g256.log 2>&1 &
done
wait
test_summary
ncu_ab "build build_S2 build_K48 build_V16" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s26f
