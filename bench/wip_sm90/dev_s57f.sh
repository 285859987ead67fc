#!/bin/bash
# Session 57: an upper-bound probe for sharing K/V boxes between two CTAs (e.g. a cluster pair by
# TMA multicast): v_half (half_boxes_probe.patch, -DSM90_HALF_BOXES; WRONG results, timing only)
# issues only the even-k boxes of each page run, so its producers do about half the issue work and
# the stage expects only those bytes. ncu passes build / v_half at d128 / d256 causal page 100 and
# contiguous (pa_ncu runs pa-bench with --no-check) while a pass fits before NCU_S (default 110) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57f v_half/pa-bench
ncu_passes "build v_half" ${NCU_S:-110} 6 --dims 128,256 --pages 100 --causal 1
dev_end logs_s57f
