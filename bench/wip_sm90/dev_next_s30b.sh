#!/bin/bash
# Prepared in session 29 (carry .carry/bins.tar.xz from mkvariants_s30.sh): M64 at d128 only, every
# lane waiting on the plan records' barriers (build_PS1).
#   1. tests of build_PS1 (variant_page_checks): forced sm90 at d128 on run pages and the default list, d128 last-wave
#      pieces, racecheck (must be 0 hazards now) and memcheck on run pages;
#   2. if they pass, ncu A/B of build and build_PS1 at d128 run pages 44 / 51 / 100 / 101 / 127 and
#      PAIR 48, causal both (non-causal 100 / 101 / 127 run on the 176-key tiles: unchanged rows).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30b build_PS1/pa-bench
variant_page_checks PS1 build_PS1 30100 128 128 90 128
ab_if_passed "PS1_runs128 PS1_sm90_128 PS1_tail" "build build_PS1" --dims 128 --pages 44,48,51,100,101,127 --causal both
dev_end logs_s30b
