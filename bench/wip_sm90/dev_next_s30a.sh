#!/bin/bash
# Prepared in session 29 (carry .carry/bins.tar.xz from mkvariants_s30.sh): SM90_PROD_ALLWAIT=1.
#   1. tests of build_AW: forced sm90 at d64 / d128 / d256 (default pages: PAIR, boxes, runs, padded
#      strides), automatic, racecheck and memcheck forced sm90;
#   2. if they pass, ncu A/B of build and build_AW at pages 8 / 16 / 48 / 100 (and contiguous),
#      every head_dim, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30a build_AW/pa-bench
tma_variant_checks AW build_AW 30000 120
ab_if_passed "build_AW_sm90_64 build_AW_sm90_128 build_AW_sm90_256 AW_auto" "build build_AW" --dims 64,128,256 --pages 8,16,48,100 --causal both
dev_end logs_s30a
