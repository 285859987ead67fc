#!/bin/bash
# Session 32, call 2 (carry .carry/bins.tar.xz from /tmp-built variants, flags in NOTES session 32):
# call 1 found the d256 gather's pause best at 64 ns of those tried (0..64) after M69, so
# build_P64 / P80 / P96 / P128 (SM90_GATHER_PACE_D256) find the top; build_G72 / L4G72 give the d128
# gather's producer 72 registers (SM90_GATHER_PREGS_D128=72: the consumers keep 216, the launch's
# 168 x 384 is then exactly full) with 8 and 4 lanes a row (M69 lost 3.9..5.8% at d128 with 64).
#   1. tests of each variant forced to its head_dim's gather (default list, pages 1..17), racecheck;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32b build_P64/pa-bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for vd in P64:256 P80:256 P96:256 P128:256 G72:128 L4G72:128; do
    v=${vd%%:*}; d=${vd##*:}
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((32300 + d)) timeout 150 build_$v/test_gpu > $T/${v}_g.log 2>&1 &
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=$((32400 + d)) timeout 150 build_$v/test_gpu > $T/${v}_gpages.log 2>&1 &
done
env $G PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3,17 PA_TEST_CASES=2 PA_TEST_SEED=32500 timeout 200 \
    compute-sanitizer --tool racecheck build_L4G72/test_gpu > $T/L4G72_rc.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "G72_g G72_gpages L4G72_g L4G72_gpages" "build build_G72 build_L4G72" --dims 128 --pages 1,3,4 --causal both
AB_PREFIX=g256 ab_if_passed "P64_g P64_gpages P80_g P80_gpages P96_g P96_gpages P128_g P128_gpages" "build build_P64 build_P80 build_P96 build_P128" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s32b
