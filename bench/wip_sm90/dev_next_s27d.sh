#!/bin/bash
# Session 27, call 4 (carry .carry/bins.tar.xz from mkvariants_s27d.sh): build_KV2 and
# build_KV2P16 (the d256 gather's K and V copied by producer warps 0 and 1, K(j+1) before V(j)):
# forced-gather tests at d256 (all pages; pages 1..100; last-wave pieces), racecheck, memcheck;
# then, only if they all passed, the ncu A/B against build at d256 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27d build_KV2P16/pa-bench
d256_checks KV2 build_KV2 7400
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=7405 timeout 90 build_KV2P16/test_gpu > $T/KV2P16_g256.log 2>&1 &
wait
test_summary
ab_if_passed "KV2P16_g256 KV2_g256 KV2_gpages KV2_gtail" "build build_KV2 build_KV2P16" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s27d
