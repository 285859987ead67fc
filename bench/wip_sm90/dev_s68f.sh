#!/bin/bash
# Session 68: is producer warp 0's sub-partition the bottleneck at page runs? v_pm
# (-DSM90_PROBE_MASKW: one binary, the d128 plain-layout run instances form the key-mask words in
# warp 1 when PA_SM90_MASKW=1, in warp 0 (as the library) when 0; warp 0 forms the run plan and
# looks up the pages either way). Tests of mode 1 (forced sm90 d128, run pages), then ncu (never
# copying) d128 causal pages 51 / 100 with contiguous, PASSES passes (default 4) alternating
# mode 0 / mode 1 / the library. Builds: mk v_pm (its plain d128 producer spills one value, the
# same SASS in both modes).
# (The A/B loop is dev_lib.sh's probe_ab since after the call ran: the same runs.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68f /nonexistent
PA_SM90_MASKW=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,100,101,127 PA_TEST_CASES=40 PA_TEST_SEED=6861 \
    timeout 100 v_pm/test_gpu > "$T/pm1_runs.log" 2>&1 &
PA_SM90_MASKW=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=6862 timeout 100 v_pm/test_gpu > "$T/pm1_sm90.log" 2>&1 &
wait
test_summary
probe_ab PA_SM90_MASKW m v_pm "${PASSES:-4}" --dims 128 --pages 51,100 --causal 1 --iters 2
dev_end logs_s68f
