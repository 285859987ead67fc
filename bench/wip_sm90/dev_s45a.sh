#!/bin/bash
# Session 45, M82 (the copy beside the attention) first look: forced copy beside the attention at
# each head_dim (8 blocks; 1 block at d128 on short cases), automatic, memcheck; then pa-bench's
# paired overheads (wall clock: ncu serializes the two kernels, so it cannot time this) for the
# library before M82 (--copy-ctas -1) against the forced copy beside the attention on 8 / 16 / 32
# blocks. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45a build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 \
        PA_TEST_SEED=$((45000 + d)) timeout 150 build/test_gpu > "$T/ov_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=1 PA_TEST_HEAD_DIM=128 PA_TEST_LONG_RANGE=0 PA_TEST_CASES=30 \
    PA_TEST_SEED=45500 timeout 150 build/test_gpu > "$T/ov1_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3,8,100 \
    PA_TEST_CASES=30 PA_TEST_SEED=45600 timeout 150 build/test_gpu > "$T/ov_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=45700 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=4 PA_TEST_PAGES=1,8,100 PA_TEST_CASES=3 PA_TEST_SEED=45800 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/ov_mc.log" 2>&1 &
wait
test_summary
grep -h "beside the attention\|copied their cache" "$T"/ov_*.log "$T"/auto.log | sort | uniq -c | tee -a "$O/summary.txt"
for f in ov_64 ov_128 ov_256 ov1_128 ov_tail auto; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s45a; exit 0; }; done
B="build/pa-bench --prefill-only --table frag --iters 10 --warmup 2"
for m in "-1" "8" "16" "32"; do
    x="--copy-ctas $m"; [ "$m" = -1 ] || x="$x --force-copy"
    echo "== mode $m" >> "$T/bench.txt"
    timeout 200 $B --dims 128 --pages 1,8,100 --causal both $x >> "$T/bench.txt" 2>&1
    timeout 100 $B --dims 256 --pages 100 --causal 1 $x >> "$T/bench.txt" 2>&1
    timeout 100 $B --dims 64 --pages 8 --causal 1 $x >> "$T/bench.txt" 2>&1
    echo "mode $m $(el)" | tee -a "$O/summary.txt"
done
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$7,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
dev_end logs_s45a
