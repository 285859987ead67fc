#!/bin/bash
# Session 74, call e: M106 (M94's last-wave plan at d256 where the copy beside is short: lost <=
# SM90_TAIL_BESIDE_D256_LATE x its blocks) as the library's default. Tests: automatic; the copy
# beside with the plan on a 7-SM model at d256 (the default tail_beside now plans d256's short
# copies); then pa-bench d256 non-causal pages 9 / 17 / 33 at 16 / 8 / 4 kv heads, the default
# (d: M106) against --tail-beside 0 (M39 alone), ROUNDS rounds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t74e build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=74501 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=25 \
    PA_TEST_SEED=74502 timeout 90 build/test_gpu > "$T/beside256_t7.log" 2>&1 &
wait
test_summary
for r in $(seq 1 "${ROUNDS:-1}"); do
    for kv in 16 8 4; do
        A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages 9,17,33 --causal 0 --kv-heads $kv"
        $A 2>&1 | pa_row dk$kv > /dev/null
        $A --tail-beside 0 2>&1 | pa_row m39k$kv > /dev/null
    done
done
for kv in 16 8 4; do paired_table "dk$kv m39k$kv"; done
echo "bench done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s74e
