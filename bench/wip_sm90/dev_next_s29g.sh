#!/bin/bash
# Session 29, call 7 (carry .carry/bins.tar.xz from mkvariants_s29g.sh): M64 (SM90_RUNS_SHARE=1, build_PS).
#   1. tests of build_PS: forced sm90 at d128 / d256 on run pages (and the default page list, which
#      has padded strides), the last-wave pieces, racecheck and memcheck on run pages;
#   2. if they pass, ncu A/B of build (2.41's SASS) and build_PS at run pages 44 / 51 / 100 / 127 and
#      PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29g build_PS/pa-bench
# (as run in session 29: the same tests written out, timeouts 60 s; its pieces, racecheck and
# memcheck seeds were 29950..29952)
variant_page_checks PS build_PS 29800 128,256 256 60
ab_if_passed "PS_runs128 PS_runs256 PS_sm90_128 PS_sm90_256 PS_tail" "build build_PS" --dims 128,256 --pages 44,48,51,100,127 --causal both
dev_end logs_s29g
