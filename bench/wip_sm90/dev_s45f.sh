#!/bin/bash
# Session 45, the integrated benchmark of the M82 library (RESULTS 2.57): quick tests (the
# estimate's copy at each head_dim, the forced copy beside the attention at d128, automatic), then
# dev_s14f.sh PHASE=bench (compare.py: pa-bench's paired rows, cuDNN / FA2 anchors, pa_ncu.py's
# rows, where a copy beside the attention is charged its SM share) with SKIP_POWER=1.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45f build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
        PA_TEST_SEED=$((45400 + d)) timeout 100 build/test_gpu > "$T/copy_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=16 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 \
    PA_TEST_SEED=45450 timeout 100 build/test_gpu > "$T/ov_128.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=45750 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
COMPARE_S=${COMPARE_S:-400} bench_if_passed copy_64 copy_128 copy_256 ov_128 auto
dev_end logs_s45f
