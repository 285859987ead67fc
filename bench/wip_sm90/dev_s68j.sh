#!/bin/bash
# Session 68: does splitting the key-mask words between K warps 0 and 1 help the d128 PAIR pages?
# v_msp (-DSM90_MASK_SPLIT=1: in the 128-key d128 PAIR instances, paged tiles of more than 4 boxes
# have warps 0 and 1 form two words each; PA_SM90_MSPLIT=0 turns it off at run time, the same SASS;
# its PAIR consumers are a new schedule, so the library is timed beside). Tests of mode 1 (forced
# sm90 d128 on PAIR pages, racecheck pages 8 / 16), then ncu (never copying) d128 causal pages 8 /
# 16 with contiguous, PASSES (default 4) passes alternating mode 0 / mode 1 / the library.
# (The A/B loop is dev_lib.sh's probe_ab since after the call ran: the same runs.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68j /nonexistent
PA_SM90_MSPLIT=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,24,32,48 PA_TEST_CASES=40 PA_TEST_SEED=6895 \
    timeout 100 v_msp/test_gpu > "$T/msp1_pages.log" 2>&1 &
PA_SM90_MSPLIT=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=6896 \
    timeout 100 compute-sanitizer --tool racecheck v_msp/test_gpu > "$T/msp1_rc.log" 2>&1 &
wait
test_summary
probe_ab PA_SM90_MSPLIT s v_msp "${PASSES:-4}" --dims 128 --pages 8,16 --causal 1 --iters 2
dev_end logs_s68j
