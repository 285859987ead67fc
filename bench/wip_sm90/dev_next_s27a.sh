#!/bin/bash
# Session 27, call 1 (carry .carry/bins.tar.xz: build = HEAD's library, M58 + M59): the first
# integrated run that includes M59.
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at each head_dim (and
#      the d256 gather's small pages and tail pieces), racecheck and memcheck of the d256 gather;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27a build/pa-bench
PA_TEST_SEED=7100 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 40 7110
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((7120 + d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=7130 timeout 150 build/test_gpu > $T/gpages_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=30 PA_TEST_SEED=7131 timeout 150 build/test_gpu > $T/gtail_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=7132 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=4 PA_TEST_SEED=7133 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_256.log 2>&1 &
wait
test_summary
dev_end logs_s27a
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
