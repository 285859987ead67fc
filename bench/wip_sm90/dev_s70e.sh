#!/bin/bash
# Session 70, call e (NOT RUN: the device time ran out; for session 71): M104 at d256 (v_t256:
# -DSM90_RUN_TABLE_D256=1, the d256 table with M104's plan: page-tall map, M51's overlapping pairs
# for partial runs, pages 9..42 from the gather to runs) against the library
# (build: SASS 95255364). Tests of v_t256, then ncu never copying. Boxes a 64-key tile, v_t256 /
# library: page 9 8.9 / gather, 12 6.0 / gather, 33 4.5 / gather, 44 3.5 / 4.0, 51 4.0 / 4.2, 77.. the same.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t70e /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=9,12,17,20,33,44,47,51,77,100,127,150 PA_TEST_CASES=80 PA_TEST_SEED=70401 timeout 100 v_t256/test_gpu > "$T/t256_pages.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=70402 timeout 100 v_t256/test_gpu > "$T/t256_sm90.log" 2>&1 &
san racecheck v_t256 256 12,51 2 70403 rc_256 100
san memcheck v_t256 256 9,47,100 2 70404 mc_256 100
wait
test_summary
AB_PREFIX=t ncu_passes "v_t256 build" 165 3 --dims 256 --pages 9,12,20,33,44,51,77,100,127,150 --iters 2
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s70e
