#!/bin/bash
# Session 58: M88 (SM90_MASK_SKIP_D<D>: key-mask words zeroed once, written only when a tile has a
# bad page id or its stage's words were dirty) as v_sk (every head_dim), and v_nb (M86's
# SM90_MASK_NOBAD at d64 / d128 alone). Tests first, with test_gpu's new bad-page cases (bad ids
# in the table, validation off, keys masked): build on every kernel (sm80, decode, sm90, auto),
# v_sk / v_nb forced sm90 on the default pages and on run / PAIR pages, racecheck of v_sk at d128
# pages 8 / 100; then ncu passes build / v_sk / v_nb at d64 / d128 / d256 causal pages 8 / 100
# while a pass fits before NCU_S (default 300) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t58b v_sk/pa-bench
RP=8,16,44,100,101,127
PA_TEST_CASES=40 PA_TEST_SEED=5821 timeout 150 build/test_gpu > "$T/b_auto.log" 2>&1 &
PA_TEST_KERNEL=sm80 PA_TEST_CASES=30 PA_TEST_SEED=5822 timeout 150 build/test_gpu > "$T/b_sm80.log" 2>&1 &
PA_TEST_KERNEL=decode PA_TEST_CASES=30 PA_TEST_SEED=5823 timeout 150 build/test_gpu > "$T/b_decode.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=30 PA_TEST_SEED=5824 timeout 150 build/test_gpu > "$T/b_sm90.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=24 PA_TEST_SEED=5825 timeout 150 build/test_gpu > "$T/b_gather.log" 2>&1 &
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((5830 + d)) timeout 150 v_sk/test_gpu > "$T/sk_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$RP PA_TEST_CASES=30 PA_TEST_SEED=$((5840 + d)) timeout 150 v_sk/test_gpu > "$T/sk_runs_$d.log" 2>&1 &
done
wait
for d in 64 128; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$RP PA_TEST_CASES=30 PA_TEST_SEED=$((5850 + d)) timeout 150 v_nb/test_gpu > "$T/nb_runs_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5860 timeout 150 \
    compute-sanitizer --tool racecheck v_sk/test_gpu > "$T/sk_rc_128.log" 2>&1 &
wait
test_summary
ncu_passes "build v_sk v_nb" ${NCU_S:-300} 8 --dims 64,128,256 --pages 8,100 --causal 1
dev_end logs_s58b
