#!/bin/bash
# Session 43, M80 with the grid-stride copy kernel: its tests (forced copy at each head_dim, the
# last-wave split after a copy, automatic, memcheck of the forced copy), the copy kernel alone
# under ncu (its duration and DRAM throughput at d128 page 1), then the integrated benchmark
# (dev_s14f.sh PHASE=bench, SKIP_POWER=1: RESULTS 2.55) if the tests passed. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43c build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,2,3,4,5,17,33 PA_TEST_CASES=30 \
        PA_TEST_SEED=$((43700 + d)) timeout 120 build/test_gpu > "$T/copy_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=1,3,5 PA_TEST_CASES=30 \
    PA_TEST_SEED=43800 timeout 120 build/test_gpu > "$T/copy_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=43900 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_PAGES=1,3,17 PA_TEST_CASES=3 PA_TEST_SEED=43950 \
    timeout 120 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/copy_mc.log" 2>&1 &
wait
test_summary
timeout 60 ncu --csv -k regex:kv_copy_kernel --metrics gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed \
    build/pa-bench --prefill-only --dims 128 --pages 1 --causal 1 --table frag --warmup 0 --iters 1 --no-check > "$T/ncu_copy.txt" 2>&1
grep kv_copy "$T/ncu_copy.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | head -8 | tee -a "$O/summary.txt"
echo "ncu copy $(el)" | tee -a "$O/summary.txt"
bench_if_passed copy_64 copy_128 copy_256 copy_tail auto
dev_end logs_s43c
