#!/bin/bash
# Session 81, call d: M111 (call c: d64 causal page runs 12..15 +2.5..3.2 -> +1.8..2.1) on more
# rows, and whether page runs now beat the copy beside at d64 pages 9..11 (build_sp2: M111 with
# page runs up to 32 boxes a tile at d64, SM90_TABLE_RUNS_D64_BOXES=32; before, 13: pages 9..11 took
# the gather in place, which the copy beside beats).
# 1. tests of build_sp2: forced sm90 d64 never copying on pages 9..11 (now page runs), automatic,
#    memcheck there.
# 2. pa-bench paired rows, d64 B4 H32 8k, both masks, 2 rounds: pages 9..16 lib / sp / sp2 (the
#    library's choices) and sp2ip (never copying); pages 17..127 (a sample) lib / sp.
# .carry/bins.tar.xz: build/, build_sp/, build_sp2/ {pa-bench,test_gpu,libpagedattn.so}.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81d build_sp2/pa-bench
B=build_sp2
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11 PA_TEST_CASES=40 PA_TEST_SEED=81501 \
    timeout 110 $B/test_gpu > "$T/sp2_runs64.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=81502 timeout 110 $B/test_gpu > "$T/sp2_auto.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11 PA_TEST_CASES=3 PA_TEST_SEED=81503 \
    PA_TEST_LONG_RANGE=0 timeout 110 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/sp2_mc.log" 2>&1 &
wait
test_summary
for r in 1 2; do
    A="--prefill-only --table frag --no-check --iters 10 --dims 64 --pages 9,10,11,12,13,14,15,16"
    build/pa-bench $A 2>&1 | pa_row lib > /dev/null
    build_sp/pa-bench $A 2>&1 | pa_row sp > /dev/null
    build_sp2/pa-bench $A 2>&1 | pa_row sp2 > /dev/null
    build_sp2/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row sp2ip > /dev/null
    A="--prefill-only --table frag --no-check --iters 10 --dims 64 --pages 17,20,24,33,41,47,51,77,100,127"
    build/pa-bench $A 2>&1 | pa_row lib > /dev/null
    build_sp/pa-bench $A 2>&1 | pa_row sp > /dev/null
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib sp sp2 sp2ip"
dev_end logs_s81d
