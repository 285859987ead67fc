#!/bin/bash
# Session 45, M82 as built (the register copy with page ids a step ahead, 768 threads; the estimate
# at 30 GB/s an SM, at least 16 blocks): tests (the estimate's copy at each head_dim, the forced
# copy beside the attention on 8 blocks and 1, its last-wave split, automatic, memcheck, racecheck),
# then pa-bench's paired overheads, the library's choice against before M82 (--copy-ctas -1), at
# pages 1 / 3 / 4 of every head_dim and GQA d128 16 / 2 pages 1 / 8, causal both. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45e build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 \
        PA_TEST_SEED=$((45200 + d)) timeout 150 build/test_gpu > "$T/copy_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
        PA_TEST_SEED=$((45300 + d)) timeout 150 build/test_gpu > "$T/ov_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=1 PA_TEST_HEAD_DIM=128 PA_TEST_LONG_RANGE=0 PA_TEST_CASES=30 \
    PA_TEST_SEED=45502 timeout 150 build/test_gpu > "$T/ov1_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=1,3,8,100 \
    PA_TEST_CASES=30 PA_TEST_SEED=45602 timeout 150 build/test_gpu > "$T/ov_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=45702 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=5 PA_TEST_PAGES=1,3,17,100 PA_TEST_CASES=3 PA_TEST_SEED=45802 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/ov_mc.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1 PA_TEST_CASES=1 PA_TEST_SEED=45902 \
    timeout 150 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/ov_rc.log" 2>&1 &
wait
test_summary
grep -h "beside the attention\|copied their cache" "$T"/*.log | sort | uniq -c | tee -a "$O/summary.txt"
for f in copy_64 copy_128 copy_256 ov_64 ov_128 ov_256 ov1_128 ov_tail auto; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s45e; exit 0; }; done
run_mode() {   # LABEL ARGS
    local l=$1; shift
    echo "== $l" >> "$T/bench.txt"
    for d in 128 64 256; do
        timeout 150 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims $d --pages 1,3,4 --causal both "$@" >> "$T/bench.txt" 2>&1
    done
    timeout 100 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --kv-heads 2 --pages 1,8 --causal both "$@" >> "$T/bench.txt" 2>&1
    echo "$l $(el)" | tee -a "$O/summary.txt"
}
run_mode auto
run_mode before --copy-ctas -1
run_mode auto2
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
dev_end logs_s45e
