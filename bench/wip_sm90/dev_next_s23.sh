#!/bin/bash
# Session 23 (carry .carry/bins.tar.xz from mkvariants_s23.sh): tests of build (the new defaults:
# SM90_WIDE_NOPOS, M49 in the d256 gathers) and of build_OV (SM90_RUNS_OVERLAP=1, the run pages
# forced), racecheck of both, then ncu A/B: build_OLD / build / build_OV at d128 non-causal
# (contiguous, page 8: the 176-key kernel), build_OLD / build at d256 pages 1 / 3 (the gather),
# build / build_OV on the run pages (51, 100) at every head_dim and d128 / d256 causal page 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t23 build_OV/pa-bench
forced_sm90 "build" 50 3000
PA_TEST_CASES=40 PA_TEST_SEED=3010 timeout 120 build/test_gpu > $T/build_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=50 PA_TEST_SEED=3011 timeout 120 build/test_gpu > $T/build_g256.log 2>&1 &
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((3020+d)) timeout 120 build/test_gpu > $T/build_tail$d.log 2>&1 &
done
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200,300,1000 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((3030+d)) timeout 120 build_OV/test_gpu > $T/OV_runs$d.log 2>&1 &
done
PA_TEST_CASES=40 PA_TEST_SEED=3040 timeout 120 build_OV/test_gpu > $T/OV_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=2 PA_TEST_SEED=3050 timeout 150 compute-sanitizer --tool racecheck build/test_gpu > $T/build_rc_g256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=51,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=2 PA_TEST_SEED=3051 timeout 150 compute-sanitizer --tool racecheck build_OV/test_gpu > $T/OV_rc256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=51,100 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=2 PA_TEST_SEED=3052 timeout 150 compute-sanitizer --tool memcheck build_OV/test_gpu > $T/OV_mc128.log 2>&1 &
wait
test_summary
ncu_ab "build_OLD build build_OV" --dims 128 --pages 0,8 --causal 0
AB_PREFIX=g ncu_ab "build_OLD build" --dims 256 --pages 1,3 --causal both
AB_PREFIX=r ncu_ab "build build_OV" --dims 64,128,256 --pages 0,51,100 --causal 0
AB_PREFIX=c ncu_ab "build build_OV" --dims 128,256 --pages 100 --causal 1
dev_end logs_s23
