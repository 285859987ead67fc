#!/bin/bash
# Session 68: M98 as a build (v_mw: -DSM90_MASK_W1=1, warp 1 forms the key-mask words in the d128
# plain-layout run instances; warp 0 passes each lane's bad bit and the first run's length in its
# record; 0 spills; the PAIR instances, so the contiguous calls, keep their SASS). Tests (forced
# sm90 d128 on run pages and the default list; racecheck at pages 44 / 100), then ncu (never
# copying) d128 causal, pages 44 / 51 / 77 / 100 / 127 with contiguous, PASSES (default 4) passes
# alternating the library (build) and v_mw.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68g /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,77,100,101,127 PA_TEST_CASES=40 PA_TEST_SEED=6871 timeout 100 v_mw/test_gpu > "$T/mw_runs.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=6872 timeout 100 v_mw/test_gpu > "$T/mw_sm90.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=6873 timeout 100 \
    compute-sanitizer --tool racecheck v_mw/test_gpu > "$T/mw_rc.log" 2>&1 &
wait
test_summary
ncu_passes "build v_mw" 330 "${PASSES:-4}" --dims 128 --pages 44,51,77,100,127 --causal 1 --iters 2
dev_end logs_s68g
