#!/bin/bash
# Session 41: M76 (SM90_PW_SHFL, measurement knob). The TMA producers' warp index shared from lane 0
# so that ptxas takes it, and the map / barrier / buffer it picks, as warp-uniform; 2: also the
# stage's barrier shared and c4 = kvh in the global PAIR layout. The loop ptxas wraps around each
# lane's TMA box (compile-checked here): PAIR 11 -> 8 instructions a box, plain layout 12 -> 10..11
# (build_PWS: the warp index alone; build_PW2: both). 0 spills; library SASS unchanged (knob 0).
# Tests of build_PW2 (forced sm90 at each head_dim, automatic, the last-wave split, racecheck and
# memcheck at TMA pages), then ncu A/B of build, build_PWS, build_PW2 at every head_dim.
# Builds: . bench/wip_sm90/mkvariant_lib.sh && mk build_PWS -DSM90_PW_SHFL=1 && mk build_PW2
#   -DSM90_PW_SHFL=2 && pack build_PWS build_PW2; carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41c build_PW2/pa-bench
for d in 128 256; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,100,256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 \
        PA_TEST_SEED=$((41500 + d)) timeout 150 build_PW2/test_gpu > "$T/PW2_tail$d.log" 2>&1 &
done
tma_variant_checks PW2 build_PW2 41400 150
ab_if_passed "build_PW2_sm90_64 build_PW2_sm90_128 build_PW2_sm90_256 PW2_auto PW2_tail128 PW2_tail256" \
    "build build_PWS build_PW2" --dims 64,128,256 --pages 8,16,32,64,100 --causal both
dev_end logs_s41c
