#!/bin/bash
# Session 25, review call: build = the PAIR share / coordinate code written once (a lambda used
# before and after the empty wait; 26 functions' SASS reordered, none longer) against build_OLD
# (written out twice, commit 15441c5): tests of build, ncu A/B at d128 / d64 / d256, pages 8, 64,
# 100 (causal both).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25g build_OLD/pa-bench
PA_TEST_SEED=5500 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 30 5510
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,32,64,96,100,128 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=5520 timeout 150 build/test_gpu > $T/pages128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,32,64,100,256 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=5521 timeout 150 build/test_gpu > $T/pages256.log 2>&1 &
wait
test_summary
ncu_ab "build build_OLD" --dims 128,64,256 --pages 8,64,100 --causal both
dev_end logs_s25g
