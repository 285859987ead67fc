#!/bin/bash
# Session 65: M94, the last wave planned for the copy beside the attention (host code; SASS
# ed9512af). Tests first (automatic; the copy forced beside with the plan on a 7-SM model so that
# M94's cuts run, and with forced units / splits at d128 / d256), then ROUNDS rounds (default 3)
# of d128 MHA non-causal 8k with the copy forced beside on 16 blocks: M39's plan (--tail-beside 0)
# against M94's at pages 51 / 100, forced plans (84 x 3, 68 x 5), 32 blocks, in place for
# reference; d256 page 51 and d128 GQA 16 / 2 page 100 beside, M39 against M94. About 180 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t65a build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=65001 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=65002 timeout 120 build/test_gpu > "$T/beside128_t7.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_SM90_TAIL_UNITS=5 PA_TEST_SM90_TAIL_SPLITS=3 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=25 PA_TEST_SEED=65003 timeout 120 build/test_gpu > "$T/beside256_u5s3.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=16 PA_TEST_SM90_TAIL_UNITS=3 PA_TEST_SM90_TAIL_SPLITS=2 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=25 PA_TEST_SEED=65004 timeout 120 build/test_gpu > "$T/beside128_u3s2.log" 2>&1 &
wait
test_summary
B="build/pa-bench --prefill-only --causal 0 --table frag"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B --dims 128 --pages 51,100 --force-copy --copy-ctas 16 --tail-beside 0 2>&1 | pa_row m39
    $B --dims 128 --pages 51,100 --force-copy --copy-ctas 16 2>&1 | pa_row m94
    $B --dims 128 --pages 100 --force-copy --copy-ctas 16 --tail-units 84 --tail-splits 3 2>&1 | pa_row u84s3
    $B --dims 128 --pages 100 --force-copy --copy-ctas 16 --tail-units 68 --tail-splits 5 2>&1 | pa_row u68s5
    $B --dims 128 --pages 100 --force-copy --copy-ctas 32 2>&1 | pa_row m94k32
    $B --dims 128 --pages 100 --kv-copy-limit 0 2>&1 | pa_row inpl
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 --tail-beside 0 2>&1 | pa_row m39_256
    $B --dims 256 --pages 51 --force-copy --copy-ctas 16 2>&1 | pa_row m94_256
    $B --dims 128 --kv-heads 2 --pages 100 --force-copy --copy-ctas 16 --tail-beside 0 2>&1 | pa_row m39_gqa
    $B --dims 128 --kv-heads 2 --pages 100 --force-copy --copy-ctas 16 2>&1 | pa_row m94_gqa
done
echo "done $(el)" | tee -a "$O/summary.txt"
