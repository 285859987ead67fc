#!/bin/bash
# Session 59: dev_s59e's A/B was void. Rebuilding v_aw/pa-bench for --page-gap also rebuilt v_aw's
# library without its NVEXTRA (the kernel source was newer), so "v_aw" there was the library
# itself (an A/A run: every row within 0.3%). Here build/ is the library with
# SM90_PROD_ALLWAIT_D128=2 as its default (M89, the same d128 SASS as v_aw), and v_lib/pa-bench
# the library before it (e10f04e2). Tests of build/ first (automatic, forced sm90 d128), then ncu
# passes v_lib / build at d128, causal both, never copying: pages 16 / 32 / 64 / 128 with
# --page-gap 8 (plain boxes and page runs), and pages 44 / 100 with the usual pool (page runs).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59f build/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=59160 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=59161 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
wait
test_summary
ncu_sets "v_lib build" ${NCU_S:-170} \
    "g --dims 128 --pages 16,32,64,128 --causal both --pa-extra=\"--kv-copy-limit 0 --page-gap 8\"" \
    "r --dims 128 --pages 44,100 --causal both --pa-extra=\"--kv-copy-limit 0\""
dev_end logs_s59f
