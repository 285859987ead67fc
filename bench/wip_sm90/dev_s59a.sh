#!/bin/bash
# Prepared in session 58 (not run): the integrated benchmark of the library as committed (SASS
# e10f04e2: M88 at d64) that dev_s58d.sh could not finish (compare.py hit COMPARE_S=300 during
# pa-bench's rows). Small tests first (automatic, forced sm90 d64 on the default and run pages, the
# copy at d64, the copy forced beside on 8 blocks, build/test_threads), then dev_s14f.sh PHASE=bench
# with SKIP_POWER=1 and COMPARE_S=450: RESULTS 2.60. About 520 s with the machine's start; carry
# .carry (bins.tar.xz with build/ only: `tar cJf .carry/bins.tar.xz build/test_gpu build/test_threads
# build/pa-bench build/libpagedattn.so`).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59a build/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=59001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=30 PA_TEST_SEED=59002 timeout 60 build/test_gpu > "$T/sm90_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,44,100,101,127 PA_TEST_CASES=30 PA_TEST_SEED=59003 timeout 60 build/test_gpu > "$T/runs_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=20 PA_TEST_SEED=59004 timeout 60 build/test_gpu > "$T/copy_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=20 PA_TEST_SEED=59005 timeout 60 build/test_gpu > "$T/ov.log" 2>&1 &
PA_TEST_SEED=59006 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
COMPARE_S=450 bench_if_passed auto sm90_64 runs_64 copy_64 ov
dev_end logs_s59a
