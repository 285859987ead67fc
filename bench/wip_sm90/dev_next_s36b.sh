#!/bin/bash
# Prepared in session 35: the ncu A/B of dev_next_s36a.sh's builds (build / build_ZC / build_WC /
# build_NA) at d64 / d128 / d256, contiguous and page 16, causal both, if their forced tests passed
# (run alone, or sourced by dev_next_s36a.sh with time left).
[ -n "$T" ] || { . "$(dirname "$0")/dev_lib.sh"; dev_begin /tmp/t36b build_NA/test_gpu; forced_sm90 "build_WC build_ZC build_NA" 40 36100; wait; test_summary; }
AB_PREFIX=cv ab_if_passed "build_WC_sm90_64 build_WC_sm90_128 build_WC_sm90_256 build_ZC_sm90_64 build_ZC_sm90_128 build_ZC_sm90_256 build_NA_sm90_64 build_NA_sm90_128 build_NA_sm90_256" \
    "build build_ZC build_WC build_NA" --dims 64,128,256 --pages 16 --causal both
dev_end logs_s36b
