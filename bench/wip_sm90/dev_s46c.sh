#!/bin/bash
# Session 46's integrated benchmark of the committed library (the review refactor of e7b2412, M83
# rejected): small tests (the estimate's copy at d128, forced beside on 8 blocks, automatic), then
# dev_s14f.sh PHASE=bench (RESULTS 2.58) with SKIP_POWER=1, COMPARE_S=300, then the GQA 16 / 2
# check of session 45's retuned estimate (pages 1 / 3, d128: the library's choice against the copy
# beside forced, --copy-ctas 16, and never beside, --copy-ctas -1), pa-bench's paired rows.
# Session 47 added build/test_threads (four threads, each with its own CUDA context and stream,
# against the lone runs bit for bit) beside the first tests; it does not gate the benchmark.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t46c build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=46460 timeout 60 build/test_gpu > "$T/copy_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=20 PA_TEST_SEED=46461 timeout 60 build/test_gpu > "$T/ov.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=46760 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_SEED=47001 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &   # session 47: its CUDA suite's first run (not a gate)
wait
test_summary
COMPARE_S=300 bench_if_passed copy_128 ov auto
gqa() {   # LABEL ARGS
    echo "== $1" >> "$T/gqa.txt"; local l=$1; shift
    timeout 60 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --kv-heads 2 --pages 1,3 --causal both "$@" >> "$T/gqa.txt" 2>&1
}
gqa auto; gqa beside --copy-ctas 16; gqa first --copy-ctas -1; gqa auto2; gqa beside2 --copy-ctas 16; gqa first2 --copy-ctas -1
grep -E "^== |^prefill" "$T/gqa.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
echo "gqa $(el)" | tee -a "$O/summary.txt"
dev_end logs_s46c
