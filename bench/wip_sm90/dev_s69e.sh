#!/bin/bash
# Session 69: M99 / M100 at d64 and d256 (build: SM90_RUN_TABLE_D64 / SM90_PAIR_TABLE_D64 /
# SM90_RUN_TABLE_D256 = 1) against v_lib (all three 0: the committed library's SASS). Tests of build:
# forced sm90 d64 and d256 on the default and on run and PAIR pages, automatic; racecheck d64 pages
# 8 / 100 and d256 page 100; memcheck d64 pages 8 / 44, d256 pages 100 / 101. Then ncu (never
# copying), PASSES (default 3) passes alternating build / v_lib: d64 / d256 causal contiguous / 8 /
# 16 / 44 / 100, non-causal contiguous / 8 / 100 / 128.
# (its sanitizer runs are dev_lib.sh's san since after the call ran: the same runs)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69e /nonexistent
PA_TEST_CASES=30 PA_TEST_SEED=69041 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
for d in 64 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((69042 + d)) timeout 100 build/test_gpu > "$T/sm90_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,24,44,51,100,101,127,200 PA_TEST_CASES=60 PA_TEST_SEED=$((69043 + d)) \
        timeout 100 build/test_gpu > "$T/pages_$d.log" 2>&1 &
done
san racecheck build 64 8,100 2 69045 rc_64 120
san racecheck build 256 100 2 69046 rc_256 120
san memcheck build 64 8,44 3 69047 mc_64 120
san memcheck build 256 100,101 3 69048 mc_256 120
wait
test_summary
NCU_MAXP=${PASSES:-3} ncu_sets "build v_lib" 360 \
    "c --dims 64,256 --pages 8,16,44,100 --causal 1 --iters 2 --pa-extra=\"--kv-copy-limit 0\"" \
    "n --dims 64,256 --pages 8,100,128 --causal 0 --iters 2 --pa-extra=\"--kv-copy-limit 0\""
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69e
