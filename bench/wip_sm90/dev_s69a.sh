#!/bin/bash
# Session 69: M99, the d128 page-run table (build: SM90_RUN_TABLE=1; v_t0: -DSM90_RUN_TABLE=0, the
# library's SASS, checked by sass_split.py). Tests of build: automatic, forced sm90 d128 on the
# default and on run pages 44 / 51 / 77 / 100 / 101 / 127 / 200 / 672, the copy at d128, racecheck
# d128 pages 44 / 100, memcheck d128 pages 51 / 100 / 672. Then ncu (never copying) d128 causal
# pages 44 / 51 / 100 / 127 with contiguous, PASSES (default 4) passes alternating build / v_t0,
# and pa-bench's own timing (paired, medians) of d128 causal pages 8 / 100, 2 rounds a build.
# (its sanitizer runs are dev_lib.sh's san since after the call ran: the same runs)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69a /nonexistent
PA_TEST_CASES=30 PA_TEST_SEED=69001 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=69002 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,77,100,101,127,200,672 PA_TEST_CASES=60 PA_TEST_SEED=69003 timeout 90 build/test_gpu > "$T/runs_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=69004 timeout 90 build/test_gpu > "$T/copy_128.log" 2>&1 &
san racecheck build 128 44,100 2 69005 rc_128 120
san memcheck build 128 51,100,672 3 69006 mc_128 120
wait
test_summary
AB_PREFIX=c ncu_passes "build v_t0" 330 "${PASSES:-4}" --dims 128 --pages 44,51,100,127 --causal 1 --iters 2
for r in 1 2; do
    for v in build v_t0; do
        $v/pa-bench --prefill-only --causal 1 --table frag --dims 128 --pages 8,100 > "$T/pb_${v}_$r.txt" 2>&1
        grep -E "^ *prefill .* frag " "$T/pb_${v}_$r.txt" | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69a
