#!/bin/bash
# Session 65: M94's cut from the middle of the model's tied cuts (84 x 3 at d128 MHA 8k) against
# the first one (68 x 3, forced). Tests (automatic; the copy beside on a 7-SM plan at d128), then
# ROUNDS rounds (default 3) of the default choices at d128 MHA non-causal pages 51 / 100 (the copy
# beside) and the same with 68 x 3 forced. About 60 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t65e build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=65301 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=65302 timeout 120 build/test_gpu > "$T/beside128_t7.log" 2>&1 &
wait
test_summary
B="build/pa-bench --prefill-only --causal 0 --table frag --dims 128 --pages 51,100"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B 2>&1 | pa_row u84
    $B --tail-units 68 --tail-splits 3 2>&1 | pa_row u68
done
echo "done $(el)" | tee -a "$O/summary.txt"
