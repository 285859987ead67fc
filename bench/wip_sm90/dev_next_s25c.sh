#!/bin/bash
# Session 25, call 3 (carry .carry/bins.tar.xz from mkvariants_s25c.sh):
#   1. tests of build (M54 + M55): automatic, forced gather at d128 / d256 (pages 1..7, 12, 20 and
#      the harness's draw), forced sm90 at d128 / d256, the gather's last-wave pieces, racecheck and
#      memcheck of the forced gather at d128 / d256;
#   2. ncu A/B build / build_GP0 (plain-layout gathers) at d256 / d128 / d64, pages 1, 3, 4 (causal both).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25c build_GP0/pa-bench
PA_TEST_SEED=5100 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((5110 + d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,6,7,12,20 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((5120 + d)) timeout 150 build/test_gpu > $T/gpages_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5130 + d)) timeout 150 build/test_gpu > $T/sm90_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5140 + d)) timeout 150 build/test_gpu > $T/gtail_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 PA_TEST_SEED=$((5150 + d)) timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=4 PA_TEST_SEED=$((5160 + d)) timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_$d.log 2>&1 &
done
wait
test_summary
ncu_ab "build build_GP0" --dims 256,128,64 --pages 1,3,4 --causal both
dev_end logs_s25c
