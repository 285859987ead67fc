#!/bin/bash
# Session 65: M94 at d128 only (3.3z: its d256 plan read 2.5 points slower than M39's). Tests first
# (automatic; the copy beside on a 7-SM plan at d128, forced 5 x 3 at d256 with tail_beside 2),
# then ROUNDS rounds (default 3): d128 MHA non-causal 8k pages 51 / 100 with the copy forced beside
# on 16 blocks under M39's plan, M94's (68 x 3), forced 84 x 3 and 100 x 3; page 100 in place; d256
# page 51 beside under M39 (the default now), M94's plan (84 x 4), 84 x 2 and 40 x 3. About 190 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t65c build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=65101 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=65102 timeout 120 build/test_gpu > "$T/beside128_t7.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_SM90_TAIL_BESIDE=2 PA_TEST_SM90_TAIL_UNITS=5 PA_TEST_SM90_TAIL_SPLITS=3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=25 PA_TEST_SEED=65103 timeout 120 build/test_gpu > "$T/beside256_u5s3.log" 2>&1 &
wait
test_summary
B="build/pa-bench --prefill-only --causal 0 --table frag"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B --dims 128 --pages 51,100 --force-copy --copy-ctas 16 --tail-beside 0 2>&1 | pa_row m39
    $B --dims 128 --pages 51,100 --force-copy --copy-ctas 16 2>&1 | pa_row m94
    $B --dims 128 --pages 51,100 --force-copy --copy-ctas 16 --tail-units 84 --tail-splits 3 2>&1 | pa_row u84s3
    $B --dims 128 --pages 100 --force-copy --copy-ctas 16 --tail-units 100 --tail-splits 3 2>&1 | pa_row u100s3
    $B --dims 128 --pages 100 --kv-copy-limit 0 2>&1 | pa_row inpl
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 2>&1 | pa_row m39_256
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 --tail-beside 2 2>&1 | pa_row m94_256
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 --tail-beside 2 --tail-units 84 --tail-splits 2 2>&1 | pa_row u84s2_256
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 --tail-beside 2 --tail-units 40 --tail-splits 3 2>&1 | pa_row u40s3_256
done
echo "done $(el)" | tee -a "$O/summary.txt"
