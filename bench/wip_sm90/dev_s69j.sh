#!/bin/bash
# Session 69 (written, not run: the device time ran out): M102 and M103, the table for the 176-key
# d128 instances' paged calls, PAIR (8-row and 16-row boxes) and page runs (v_w1:
# -DSM90_PAIR_TABLE_W=1 -DSM90_RUN_TABLE_W=1; build: the committed library, both 0). Tests of v_w1:
# forced sm90 d128 on pages 8 / 16 / 24 / 40 / 48 / 77 / 100 / 127 and on the default; racecheck
# pages 24 / 77; memcheck pages 16 / 100. Then ncu (never copying) d128 non-causal contiguous / 8 /
# 24 / 48 / 77 / 100 / 127, passes alternating v_w1 / build while they fit in 150 s.
# Builds: (. bench/wip_sm90/mkvariant_lib.sh; mk v_w1 -DSM90_PAIR_TABLE_W=1 -DSM90_RUN_TABLE_W=1; pack v_w1)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69j /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,24,40,48,77,100,127 PA_TEST_CASES=80 PA_TEST_SEED=69071 timeout 90 v_w1/test_gpu > "$T/pair_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=69072 timeout 90 v_w1/test_gpu > "$T/sm90_128.log" 2>&1 &
san racecheck v_w1 128 24,77 3 69073 rc_128 120
san memcheck v_w1 128 16,100 3 69074 mc_128 120
wait
test_summary
AB_PREFIX=n ncu_passes "v_w1 build" 150 3 --dims 128 --pages 8,24,48,77,100,127 --causal 0 --iters 2
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69j
