#!/bin/bash
# Session 26, call 4 (carry .carry/bins.tar.xz: build = M58 on, the library of the commit that
# adopts it, and build_NP / build_V32 / build_P16):
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at d128 / d256 (and
#      the d256 gather's small pages and tail pieces), racecheck and memcheck of the d256 gather;
#   2. ncu A/B at d256 pages 1 / 3 / 4, causal both: build against build_NP (not paced),
#      build_V32 (V's warps only), build_P16 (16 ns);
#   3. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26d build_P16/pa-bench
PA_TEST_SEED=6100 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 40 6110
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((6120 + d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=6130 timeout 150 build/test_gpu > $T/gpages_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=30 PA_TEST_SEED=6131 timeout 150 build/test_gpu > $T/gtail_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=6132 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=4 PA_TEST_SEED=6133 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_256.log 2>&1 &
wait
test_summary
ncu_ab "build build_NP build_V32 build_P16" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s26d
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
