#!/bin/bash
# Session 30 (carry .carry/bins.tar.xz with build_VO: SM90_RUNS_SHARE_VONLY=6): M66, warp 0's run
# plan read by the V warps alone at d128 and d256 (K's warps 0 and 1 each form it).
#   1. tests of build_VO (variant_page_checks): forced sm90 at d128 / d256 on run pages and the
#      default list, d256 last-wave pieces, racecheck and memcheck on run pages (every head_dim);
#   2. if they pass, ncu A/B of build (M64 at d128: warps 1..3 read) and build_VO at run pages
#      44 / 51 / 100 / 127, d128 and d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30d build_VO/pa-bench
variant_page_checks VO build_VO 30500 128,256 256 150
ab_if_passed "VO_runs128 VO_runs256 VO_sm90_128 VO_sm90_256 VO_tail" "build build_VO" --dims 128,256 --pages 44,51,100,127 --causal both
dev_end logs_s30d
