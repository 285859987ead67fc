#!/bin/bash
# Session 26, call 1: M57 (build_CC: the d256 gather's copies issued by the consumer warpgroups)
# against build (the producer's copies): tests of build_CC forced to the gather at d256 (plain,
# small pages, tail pieces), racecheck and memcheck, forced sm90 at d256; ncu A/B at d256 pages
# 1 / 4 / 3 causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26a build_CC/pa-bench
v=build_CC
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=6001 timeout 150 $v/test_gpu > $T/cc_g256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,2,3,4,5,7,17,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=6002 timeout 150 $v/test_gpu > $T/cc_gpages.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=6003 timeout 150 $v/test_gpu > $T/cc_gtail.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=6004 timeout 150 $v/test_gpu > $T/cc_sm90_256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=6005 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/cc_rc.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_PAGES=1,5 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=4 PA_TEST_SEED=6006 timeout 200 compute-sanitizer --tool memcheck $v/test_gpu > $T/cc_mc.log 2>&1 &
wait
test_summary
ncu_ab "build build_CC" --dims 256 --pages 1,4 --causal both
dev_end logs_s26a
