#!/bin/bash
# Session 69: M100 in its own instances (PT; the contiguous calls keep the library's PAIR instance).
# build: M100 for paged d128 PAIR calls of >= 8 boxes a tile (SM90_PAIR_TABLE_BOXES=8); v_all: every
# paged d128 PAIR call (=1); v_m99: -DSM90_PAIR_TABLE=0 (the M99 commit's SASS). Tests: build
# automatic, forced sm90 d128 on the default and on pages 8 / 16 / 24 / 40 / 48, racecheck pages
# 8 / 16, memcheck pages 8 / 48; v_all forced d128 on pages 32 / 64 / 128 / 256 / 672. Then ncu (never
# copying) d128 causal contiguous / 8 / 16 / 32 / 48 / 64 / 672, PASSES (default 3) passes
# alternating v_m99 / v_all.
# (its sanitizer runs are dev_lib.sh's san since after the call ran: the same runs)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69c /nonexistent
PA_TEST_CASES=30 PA_TEST_SEED=69021 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=69022 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,24,40,48 PA_TEST_CASES=60 PA_TEST_SEED=69023 timeout 90 build/test_gpu > "$T/pair_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=32,64,128,256,672 PA_TEST_CASES=40 PA_TEST_SEED=69024 timeout 90 v_all/test_gpu > "$T/all_pair_128.log" 2>&1 &
san racecheck build 128 8,16 2 69025 rc_128 120
san memcheck build 128 8,48 3 69026 mc_128 120
wait
test_summary
AB_PREFIX=c ncu_passes "v_m99 v_all" 330 "${PASSES:-3}" --dims 128 --pages 8,16,32,48,64,672 --causal 1 --iters 2
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69c
