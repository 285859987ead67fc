#!/bin/bash
# Session 46, call 1: the review refactor's first GPU run (s45e's copy tests on build), the
# prefetch variants' forced copy-beside tests, then the copy kernel alone under ncu: where its
# ~30 GB/s an SM comes from (a cache that fits in L2, the loads alone) and the L2 prefetch
# variants, then pa-bench's paired overheads of the forced copy beside (16 blocks) per variant.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t46a build_ns/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
        PA_TEST_SEED=$((46200 + d)) timeout 150 build/test_gpu > "$T/copy_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
        PA_TEST_SEED=$((46300 + d)) timeout 150 build/test_gpu > "$T/ov_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=1 PA_TEST_HEAD_DIM=128 PA_TEST_LONG_RANGE=0 PA_TEST_CASES=30 \
    PA_TEST_SEED=46502 timeout 150 build/test_gpu > "$T/ov1_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=1,3,8,100 \
    PA_TEST_CASES=30 PA_TEST_SEED=46602 timeout 150 build/test_gpu > "$T/ov_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=46702 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=5 PA_TEST_PAGES=1,3,17,100 PA_TEST_CASES=3 PA_TEST_SEED=46802 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/ov_mc.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1 PA_TEST_CASES=1 PA_TEST_SEED=46902 \
    timeout 150 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/ov_rc.log" 2>&1 &
for v in pf1 pf2; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=30 \
        PA_TEST_SEED=46410 timeout 150 build_$v/test_gpu > "$T/${v}_ov.log" 2>&1 &
done
wait
test_summary
M=gpu__time_duration.sum,dram__bytes_read.sum,lts__t_sector_hit_rate.pct
ncu_copy() {   # NAME BUILD CTAS NCU-ARGS -- PA-BENCH ARGS
    local n=$1 b=$2 k=$3; shift 3
    timeout 90 ncu --csv -k regex:kv_copy --metrics $M "$@" --copy-ctas $k --force-copy --prefill-only --dims 128 \
        --pages 1 --causal 1 --table frag --no-check > "$T/ncu_$n.txt" 2>&1
    echo "$n: $(grep kv_copy "$T/ncu_$n.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | tr '\n' ' ')" | tee -a "$O/summary.txt"
}
ncu_copy big build 16 build/pa-bench --warmup 0 --iters 1
ncu_copy l2 build 16 --cache-control none build/pa-bench --batch 1 --heads 2 --warmup 1 --iters 2
ncu_copy ns build_ns 16 build_ns/pa-bench --warmup 0 --iters 1
ncu_copy pf1 build_pf1 16 build_pf1/pa-bench --warmup 0 --iters 1
ncu_copy pf2 build_pf2 16 build_pf2/pa-bench --warmup 0 --iters 1
ncu_copy l2pf2 build_pf2 16 --cache-control none build_pf2/pa-bench --batch 1 --heads 2 --warmup 1 --iters 2
ncu_copy pf2_32 build_pf2 32 build_pf2/pa-bench --warmup 0 --iters 1
echo "ncu $(el)" | tee -a "$O/summary.txt"
for f in copy_64 copy_128 copy_256 ov_64 ov_128 ov_256 ov1_128 ov_tail auto pf1_ov pf2_ov; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s46a; exit 0; }; done
run_mode() {   # LABEL BUILD ARGS
    local l=$1 b=$2; shift 2
    echo "== $l" >> "$T/bench.txt"
    timeout 120 $b/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --pages 1,100 --causal both "$@" >> "$T/bench.txt" 2>&1
    echo "$l $(el)" | tee -a "$O/summary.txt"
}
run_mode base build --force-copy --copy-ctas 16
run_mode pf1 build_pf1 --force-copy --copy-ctas 16
run_mode pf2 build_pf2 --force-copy --copy-ctas 16
run_mode auto build
run_mode base2 build --force-copy --copy-ctas 16
run_mode pf2b build_pf2 --force-copy --copy-ctas 16
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
dev_end logs_s46a
