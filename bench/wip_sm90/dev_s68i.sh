#!/bin/bash
# Session 68: M64's plan hand-over at d128 page runs, asked in one binary. v_ns
# (-DSM90_PROBE_NOSHARE; its main d128 plain instance has the library's consumer SASS, checked by
# sass_split.py): PA_SM90_NOSHARE=1 makes every producer warp plan its own runs and look up its own
# pages (no records, no hand-over waits), 0 keeps M64's hand-over. Tests of mode 1 (forced sm90 d128
# run pages, racecheck pages 44 / 100), then ncu (never copying) d128 causal pages 44 / 51 / 77 /
# 100 / 127 with contiguous, PASSES (default 4) passes alternating mode 0 / mode 1 / the library.
# (The A/B loop is dev_lib.sh's probe_ab since after the call ran: the same runs.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68i /nonexistent
PA_SM90_NOSHARE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,77,100,101,127 PA_TEST_CASES=40 PA_TEST_SEED=6891 \
    timeout 100 v_ns/test_gpu > "$T/ns1_runs.log" 2>&1 &
PA_SM90_NOSHARE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=6892 \
    timeout 100 compute-sanitizer --tool racecheck v_ns/test_gpu > "$T/ns1_rc.log" 2>&1 &
wait
test_summary
probe_ab PA_SM90_NOSHARE s v_ns "${PASSES:-4}" --dims 128 --pages 44,51,77,100,127 --causal 1 --iters 2
dev_end logs_s68i
