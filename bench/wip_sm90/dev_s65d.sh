#!/bin/bash
# Session 65: SM90_COPY_OV_SCALE_D128 1.5 -> 1.2 after M94 (host code). Tests (automatic; forced
# sm90 d128), then ROUNDS rounds (default 3) of the default choices at d128 MHA non-causal 8k pages
# 51 / 77 / 100 / 127 and GQA 16 / 2 page 100, against page 100 in place. About 80 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t65d build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=65201 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=25 PA_TEST_SEED=65202 timeout 120 build/test_gpu > "$T/sm90_128.log" 2>&1 &
wait
test_summary
B="build/pa-bench --prefill-only --causal 0 --table frag --dims 128"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B --pages 51,77,100,127 2>&1 | pa_row default
    $B --pages 100 --kv-copy-limit 0 2>&1 | pa_row inpl
    $B --kv-heads 2 --pages 100 2>&1 | pa_row gqa
done
echo "done $(el)" | tee -a "$O/summary.txt"
