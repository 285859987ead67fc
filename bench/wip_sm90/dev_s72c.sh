#!/bin/bash
# Session 72, call c: the library after M105's removal (host code only; prefill SASS 95255364):
# automatic, the copy forced beside on 8 blocks at every head_dim, forced sm90 at d128, threads.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t72c build/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=72401 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((72410 + d)) \
        timeout 90 build/test_gpu > "$T/ov8_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=72402 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
PA_TEST_SEED=72403 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages 12 --causal 1 2>&1 | tail -3 | tee -a "$O/summary.txt"
dev_end logs_s72c
