#!/bin/bash
# Session 69: M100, the run table for the 128-key d128 PAIR instances' paged calls (v_pt:
# -DSM90_PAIR_TABLE=1) against the library with M99 (build). Tests of v_pt: forced sm90 d128 on the
# default and on PAIR pages 8 / 16 / 24 / 32 / 48 / 64, automatic; racecheck d128 pages 8 / 16.
# Then ncu (never copying) d128 causal contiguous / 8 / 16 / 32, PASSES (default 4) passes
# alternating build / v_pt, and pa-bench's d128 causal contiguous + page 8 rows, 2 rounds a build.
# (its sanitizer runs are dev_lib.sh's san since after the call ran: the same runs)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69b /nonexistent
PA_TEST_CASES=30 PA_TEST_SEED=69011 timeout 90 v_pt/test_gpu > "$T/pt_auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=69012 timeout 90 v_pt/test_gpu > "$T/pt_sm90_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,24,32,48,64 PA_TEST_CASES=60 PA_TEST_SEED=69013 timeout 90 v_pt/test_gpu > "$T/pt_pair_128.log" 2>&1 &
san racecheck v_pt 128 8,16 2 69014 pt_rc_128 120
wait
test_summary
AB_PREFIX=c ncu_passes "build v_pt" 300 "${PASSES:-4}" --dims 128 --pages 8,16,32 --causal 1 --iters 2
for r in 1 2; do
    for v in build v_pt; do
        $v/pa-bench --prefill-only --causal 1 --table frag --dims 128 --pages 8 > "$T/pb_${v}_$r.txt" 2>&1
        grep -E "^ *prefill .* (frag|none) " "$T/pb_${v}_$r.txt" | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69b
