#!/bin/bash
# Session 45, M82's copy kernel pipelined (page ids a step ahead, an item's count raised after the
# next step's loads; 768 threads x 4 chunks): tests of the forced copy beside the attention, the
# copy kernel alone under ncu (build: 8 / 16 / 32 blocks; build_ovA = s45a's kernel: 16), then
# pa-bench's paired overheads: before M82 (--copy-ctas -1), s45a's kernel and the pipelined one.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45c build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 \
        PA_TEST_SEED=$((45100 + d)) timeout 150 build/test_gpu > "$T/ov_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=1 PA_TEST_HEAD_DIM=256 PA_TEST_LONG_RANGE=0 PA_TEST_CASES=30 \
    PA_TEST_SEED=45501 timeout 150 build/test_gpu > "$T/ov1_256.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=5 PA_TEST_PAGES=1,3,17,100 PA_TEST_CASES=3 PA_TEST_SEED=45801 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/ov_mc.log" 2>&1 &
wait
test_summary
for f in ov_64 ov_128 ov_256 ov1_256; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s45c; exit 0; }; done
for bk in "build 8" "build 16" "build 32" "build_ovA 16"; do
    set -- $bk
    timeout 60 ncu --csv -k regex:kv_copy --metrics gpu__time_duration.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed \
        $1/pa-bench --prefill-only --dims 128 --pages 1 --causal 1 --table frag --warmup 0 --iters 1 --no-check --force-copy --copy-ctas $2 > "$T/ncu_$1_$2.txt" 2>&1
    echo "$1 k=$2: $(grep kv_copy "$T/ncu_$1_$2.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | tr '\n' ' ')" | tee -a "$O/summary.txt"
done
echo "ncu $(el)" | tee -a "$O/summary.txt"
run_mode() {   # LABEL BUILD ARGS
    local l=$1 b=$2; shift 2
    echo "== $l" >> "$T/bench.txt"
    timeout 200 $b/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --pages 1,8 --causal both "$@" >> "$T/bench.txt" 2>&1
    timeout 100 $b/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 256 --pages 100 --causal 1 "$@" >> "$T/bench.txt" 2>&1
    timeout 100 $b/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 64 --pages 8 --causal 1 "$@" >> "$T/bench.txt" 2>&1
    echo "$l $(el)" | tee -a "$O/summary.txt"
}
run_mode before build --copy-ctas -1
run_mode ovA16 build_ovA --force-copy --copy-ctas 16
run_mode new16 build --force-copy --copy-ctas 16
run_mode new8 build --force-copy --copy-ctas 8
run_mode new32 build --force-copy --copy-ctas 32
run_mode before2 build --copy-ctas -1
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
dev_end logs_s45c
