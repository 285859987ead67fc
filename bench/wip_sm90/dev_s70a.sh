#!/bin/bash
# Session 70, call a: three experiments against the committed build (SASS 75727cca), never copying.
#   v_w1   -DSM90_PAIR_TABLE_W=1 -DSM90_RUN_TABLE_W=1 (M102 + M103: the table in the 176-key d128
#          instances): d128 non-causal pages 8 / 24 / 48 / 77 / 100 / 127
#   v_ra   -DPA_SM90_RUNS_ALWAYS (host rule only: d64 odd pages 43..63 take page runs, now with the
#          M101 table, instead of the gather): d64 pages 43 / 47 / 51 / 57 / 63, both masks
#   v_r256 -DSM90_RUN_TABLE_D256=1 (the run table at d256): d256 pages 44 / 51 / 77 / 100 / 127
# Tests first (forced sm90 on those pages, sanitizers for v_w1), then ncu per experiment.
# Builds: (. bench/wip_sm90/mkvariant_lib.sh; mk_two "v_w1 -DSM90_PAIR_TABLE_W=1 -DSM90_RUN_TABLE_W=1" \
#          "v_ra -DPA_SM90_RUNS_ALWAYS" "v_r256 -DSM90_RUN_TABLE_D256=1")
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t70a /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,24,40,48,77,100,127 PA_TEST_CASES=80 PA_TEST_SEED=70001 timeout 90 v_w1/test_gpu > "$T/w1_pages.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=70002 timeout 90 v_w1/test_gpu > "$T/w1_sm90.log" 2>&1 &
san racecheck v_w1 128 24,77 3 70003 w1_rc 120
san memcheck v_w1 128 16,100 3 70004 w1_mc 120
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=43,47,51,57,63 PA_TEST_CASES=60 PA_TEST_SEED=70005 timeout 90 v_ra/test_gpu > "$T/ra_pages.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=44,51,77,100,127 PA_TEST_CASES=60 PA_TEST_SEED=70006 timeout 90 v_r256/test_gpu > "$T/r256_pages.log" 2>&1 &
wait
test_summary
AB_PREFIX=w ncu_passes "v_w1 build" 210 3 --dims 128 --pages 8,24,48,77,100,127 --causal 0 --iters 2
AB_PREFIX=r ncu_passes "v_ra build" 370 3 --dims 64 --pages 43,47,51,57,63 --iters 2
AB_PREFIX=d ncu_passes "v_r256 build" 530 3 --dims 256 --pages 44,51,77,100,127 --iters 2
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s70a
