#!/bin/bash
# Session 42, integrated benchmark of the library with M78 (SM90_PT_SMEM=3: the 128-key d128 and the
# d256 TMA producers look pages up in shared memory; its SASS 44 of 44 as s42a's build_P3). Short
# forced-sm90 d128 / d256 tests first (with test_gpu's new long-range cases: a CTA over more than
# 2048 pages, M77's fallback), then dev_s14f.sh PHASE=bench (RESULTS 2.53). Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t42b build/pa-bench
for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,48,100,256 PA_TEST_CASES=20 PA_TEST_SEED=$((42100 + d)) \
        timeout 60 build/test_gpu > "$T/lib_sm90_$d.log" 2>&1 &
done
PA_TEST_CASES=2 PA_TEST_SEED=42102 timeout 90 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu \
    > "$T/lib_mc_long.log" 2>&1 &
wait
test_summary
bench_if_passed lib_sm90_128 lib_sm90_256
dev_end logs_s42b
