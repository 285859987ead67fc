#!/bin/bash
# Prepared in session 30 (carry .carry/bins.tar.xz from mkvariants_s31.sh): build_WW, M65 with the
# warp-vote wait in every TMA instance (d128 and d256 PAIR included, where M65's per-lane loop was
# noise / +0.4..1.0% in 3.2h).
#   1. tests of build_WW: forced sm90 at each head_dim, automatic, racecheck and memcheck forced
#      sm90 on PAIR and run pages;
#   2. if they pass, ncu A/B of build and build_WW at pages 8 / 16 / 44 / 48 / 100 and contiguous,
#      every head_dim, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t31a build_WW/pa-bench
tma_variant_checks WW build_WW 31200 150
ab_if_passed "build_WW_sm90_64 build_WW_sm90_128 build_WW_sm90_256 WW_auto" "build build_WW" --dims 64,128,256 --pages 8,16,44,48,100 --causal both
dev_end logs_s31a
