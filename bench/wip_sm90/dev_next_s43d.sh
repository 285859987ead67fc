#!/bin/bash
# Session 43, M80 with the flat copy kernel (kv_copy.cu rewritten after s43c: no shared memory or
# barrier, 4 chunks a thread a step): its tests (forced copy at each head_dim, the last-wave split
# after a copy, automatic, memcheck of the forced copy), the copy kernel alone under ncu (d128
# page 1: duration, DRAM bytes and throughput), then, if the tests passed, the integrated
# benchmark (dev_s14f.sh PHASE=bench, SKIP_POWER=1, COMPARE_S=530: s43c's 330 s cut compare.py
# before its ncu rows). RESULTS 2.55. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43d build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,2,3,4,5,17,33 PA_TEST_CASES=30 \
        PA_TEST_SEED=$((44000 + d)) timeout 100 build/test_gpu > "$T/copy_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3,5 PA_TEST_CASES=30 \
    PA_TEST_SEED=44400 timeout 100 build/test_gpu > "$T/copy_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=44500 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_PAGES=1,3,17 PA_TEST_CASES=3 PA_TEST_SEED=44600 \
    timeout 100 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/copy_mc.log" 2>&1 &
wait
test_summary
timeout 40 ncu --csv -k regex:kv_copy_kernel --metrics gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed \
    build/pa-bench --prefill-only --dims 128 --pages 1 --causal 1 --table frag --warmup 0 --iters 1 --no-check > "$T/ncu_copy.txt" 2>&1
grep kv_copy "$T/ncu_copy.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | head -8 | tee -a "$O/summary.txt"
echo "ncu copy $(el)" | tee -a "$O/summary.txt"
ok=1
for f in copy_64 copy_128 copy_256 copy_tail auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
if [ $ok = 1 ]; then
    SKIP_POWER=1 PHASE=bench COMPARE_S=530 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
    echo "bench done $(el)" | tee -a "$O/summary.txt"
else
    echo "tests failed: no benchmark" | tee -a "$O/summary.txt"
fi
dev_end logs_s43d
