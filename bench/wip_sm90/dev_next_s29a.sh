#!/bin/bash
# Session 29, call 1 (carry .carry/bins.tar.xz from mkvariants_s29a.sh): are the page runs slow
# because their boxes land off the 8-row swizzle atom? ncu A/B of build (2.41's SASS) and build_S8
# (run boxes moved down to their 8-row group: overlapping, wrong results, the same bytes) at run
# pages 44 / 51 / 76 / 100 and PAIR page 48, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29a build_S8/pa-bench
ncu_ab "build build_S8" --dims 128,256 --pages 44,48,51,76,100 --causal both
dev_end logs_s29a
