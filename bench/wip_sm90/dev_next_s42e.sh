#!/bin/bash
# Session 42: the K / V tensor maps' L2 promotion (SM90_L2_PROMO, host code only: every kernel's SASS
# is the library's). build_LN: none; build_L1: 128 B; the library: 256 B (since session 2, never
# varied). Short forced-sm90 tests of both, then ncu A/B at every head_dim, causal both, contiguous
# and pages 8 / 16 / 100. Builds (development machine):
# . bench/wip_sm90/mkvariant_lib.sh && mk build_LN -DSM90_L2_PROMO=CU_TENSOR_MAP_L2_PROMOTION_NONE &&
#   mk build_L1 -DSM90_L2_PROMO=CU_TENSOR_MAP_L2_PROMOTION_L2_128B && pack build_LN build_L1
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t42e build_L1/pa-bench
forced_sm90 "build_LN build_L1" 20 42500
wait
test_summary
ab_if_passed "build_LN_sm90_64 build_LN_sm90_128 build_LN_sm90_256 build_L1_sm90_64 build_L1_sm90_128 build_L1_sm90_256" \
    "build build_LN build_L1" --dims 64,128,256 --pages 8,16,100 --causal both
dev_end logs_s42e
