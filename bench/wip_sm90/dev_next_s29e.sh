#!/bin/bash
# Session 29, call 5 (carry .carry/bins.tar.xz from mkvariants_s29e.sh): M63 (SM90_RUNS_1W=1, build_R1).
#   1. tests of build_R1: forced sm90 at d128 / d256 on run pages (and the default page list, which
#      has padded strides), the last-wave pieces, racecheck and memcheck on run pages;
#   2. if they pass, ncu A/B of build (2.41's SASS) and build_R1 at run pages 44 / 51 / 76 / 100 / 127
#      and PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29e build_R1/pa-bench
# (as run in session 29: the same tests written out, timeouts 150 / 200 s; seeds as here)
variant_page_checks R1 build_R1 29500 128,256 256 150
ab_if_passed "R1_runs128 R1_runs256 R1_sm90_128 R1_sm90_256 R1_tail" "build build_R1" --dims 128,256 --pages 44,48,51,76,100,127 --causal both
dev_end logs_s29e
