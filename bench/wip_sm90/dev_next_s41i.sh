#!/bin/bash
# Session 41: the sanitizer runs of tests/sanitize.sh that reach the functions M77 changed (the
# 128-key d128 TMA instances), on the library's own build: memcheck and racecheck, automatic (20
# cases), sm90 forced at d128 and forced page runs at d128 (3 cases each, as the script), in
# parallel; plus a forced-sm90 d128 test of 120 cases. Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41i build/pa-bench
for tool in memcheck racecheck; do
    env PA_TEST_CASES=20 timeout 200 compute-sanitizer --tool $tool --error-exitcode 99 build/test_gpu > "$T/${tool}_auto.log" 2>&1 &
    env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool $tool --error-exitcode 99 \
        build/test_gpu > "$T/${tool}_sm90_128.log" 2>&1 &
    env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_PAGES=44,100,101 PA_TEST_HEAD_DIM=128 timeout 200 \
        compute-sanitizer --tool $tool --error-exitcode 99 build/test_gpu > "$T/${tool}_runs128.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=120 PA_TEST_SEED=41901 timeout 200 build/test_gpu > "$T/lib_sm90_128.log" 2>&1 &
wait
test_summary
dev_end logs_s41i
