#!/bin/bash
# Session 25, final call (carry .carry/bins.tar.xz = build alone, the final commit's library):
#   1. tests: automatic, forced sm90 at each head_dim, forced gather at d128 / d256, PAIR pages at
#      d128 (M54's kernels), memcheck of d128 PAIR pages forced sm90;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25e build/test_gpu
PA_TEST_SEED=5300 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 40 5310
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5320 + d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=16,32,64,96,128 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=5330 timeout 150 build/test_gpu > $T/pages128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=32,64,96 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=4 PA_TEST_SEED=5331 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc128.log 2>&1 &
wait
test_summary
dev_end logs_s25e
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
