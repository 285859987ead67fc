#!/bin/bash
# Prepared in session 54 for the next device call (~5 min of command; carry .carry, bins packed
# from build/ alone): (1) test_gpu under session 54's tolerance (the derived rounding bound
# 2e-5 + u (|out| + 1) for 16-bit outputs, harness.c out_lim) forced to every kernel at every
# head_dim: sm80, sm90 (TMA), the sm90 gather, decode, automatic, the copy beside forced, the
# d256 gather's 64-bit offsets; summary.txt gets each log's count and worst-error lines;
# (2) the per-CTA trace of dev_s50b.sh (rows over 3%); (3) the 13th racecheck run of
# tests/sanitize.sh (copy beside, forced) with the time left before DEADLINE (default 300).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t55a build/pa-bench
for d in 64 128 256; do
    for k in sm80 sm90 decode; do
        PA_TEST_KERNEL=$k PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((55000 + d)) timeout 150 \
            build/test_gpu > "$T/${k}_$d.log" 2>&1 &
    done
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((55100 + d)) \
        timeout 150 build/test_gpu > "$T/gather_$d.log" 2>&1 &
done
PA_TEST_CASES=40 PA_TEST_SEED=55001 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=30 PA_TEST_SEED=55002 timeout 150 \
    build/test_gpu > "$T/copy_beside.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 \
    PA_TEST_SEED=55003 timeout 150 build/test_gpu > "$T/gwide256.log" 2>&1 &
timeout 150 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
trace_rows || echo "trace: no trace lines (trace_1.txt)" | tee -a "$O/summary.txt"
rc_beside ${DEADLINE:-300}
dev_end logs_s55a
