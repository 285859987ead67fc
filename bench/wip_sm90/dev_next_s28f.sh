#!/bin/bash
# Session 28, call 6 (carry .carry/bins.tar.xz from mkvariants_s28f.sh): is the page-run path's cost
# its per-tile plan arithmetic? ncu A/B of build (2.41's SASS) and build_RH (tile 0's plan for every
# tile, wrong keys) at run pages 44 / 100 and PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28f build_RH/pa-bench
ncu_ab "build build_RH" --dims 128,256 --pages 44,48,100 --causal both
dev_end logs_s28f
