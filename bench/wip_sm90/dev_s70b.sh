#!/bin/bash
# Session 70, call b: the library with M102 + M103 on and the d64 runs-or-gather rule retired
# (dev_s70a.sh's v_w1 and v_ra in one build). Tests (forced sm90 on the d64 odd pages 43..63 that
# used to take the gather, d128 on the W table pages, sanitizers), then ncu of the page sizes from 9
# to 42 that are not multiples of 8 (the cp.async gather or the copy), under the default copy limit
# (a) and never copying (g), every head_dim, both masks.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t70b /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=43,45,47,49,51,53,57,61,63 PA_TEST_CASES=60 PA_TEST_SEED=70101 timeout 90 build/test_gpu > "$T/d64_runs.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,24,40,77,127 PA_TEST_CASES=60 PA_TEST_SEED=70102 timeout 90 build/test_gpu > "$T/d128_w.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=70103 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
san racecheck build 64 47,51 3 70104 rc_64 120
san memcheck build 64 43,51 3 70105 mc_64 120
wait
test_summary
NCU_MAXP=2 ncu_sets "build" 300 \
    "a --dims 64,128,256 --pages 9,12,17,20,33,36 --iters 2" \
    "g --dims 64,128,256 --pages 9,12,17,20,33,36 --iters 2 --pa-extra=\"--kv-copy-limit 0\""
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s70b
