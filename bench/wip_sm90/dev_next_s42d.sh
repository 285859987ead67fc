#!/bin/bash
# Session 42: SM90_PT_LOOP2 (build_L3: -DSM90_PT_LOOP2=1) against the library (M78). The TMA
# producer's tile loop compiled twice where the entries are staged (the 128-key d128 and the d256
# instances): one copy whose lookups are LDS alone, one with the global loads, in place of M77's
# branch a lookup. 0 spills. Tests (tma_variant_checks, page runs at d128 / d256, the long-range
# cases are in every test_gpu run), then ncu A/B at d128 and d256, causal both (d128 non-causal is
# the 176-key instances, unchanged: the control row), pages 8..128. Build (development machine):
# (patch -p1 < bench/wip_sm90/pt_loop2.patch) then . bench/wip_sm90/mkvariant_lib.sh && mk build_L3 -DSM90_PT_LOOP2=1 && pack build_L3
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t42d build_L3/pa-bench
for d in 128 256; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
        PA_TEST_SEED=$((42400 + d)) timeout 150 build_L3/test_gpu > "$T/L3_runs$d.log" 2>&1 &
done
tma_variant_checks L3 build_L3 42410 150
ab_if_passed "build_L3_sm90_64 build_L3_sm90_128 build_L3_sm90_256 L3_auto L3_runs128 L3_runs256" \
    "build build_L3" --dims 128,256 --pages 8,16,32,64,100,128 --causal both
dev_end logs_s42d
