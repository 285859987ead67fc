#!/bin/bash
# Session 58: what page 100's per-tile extra is made of. One probe binary, v_probe (-DSM90_PROBE,
# timing only; bench/wip_sm90/probe_s58.patch), with two switches read from the environment, so
# the A/B runs the same SASS:
# - PA_SM90_PLAN_ONCE=1 (WRONG results): page runs plan and look up tile 0 alone and reuse that
#   plan for every tile; the per-tile plan / lookup / record path is gone, the boxes stay.
# - PA_SM90_BURN=N: N dummy IMADs per live producer warp per tile in whole-tile-box calls
#   (contiguous), in the asm's own registers. Page 100's producers execute ~508 more non-spin
#   instructions a tile than contiguous (3.3o), for +2.0% (d128) / +3.4% (d256) a tile. If the
#   burn slows the contiguous rows by about that much, the producers' issue slots are the cost.
# Wrappers v_p0 / v_pon / v_pb256 / v_pb128 exec v_probe/pa-bench with the switches; ncu passes of
# build and them at d128 / d256 causal page 100 (+ its contiguous rows) while a pass fits before
# NCU_S (default 230) s. Paged rows of v_pb* and contiguous rows of v_pon are the in-binary controls.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t58a v_probe/pa-bench
wrap() { mkdir -p "$1"; printf '#!/bin/sh\n%s exec "%s/v_probe/pa-bench" "$@"\n' "$2" "$PWD" > "$1/pa-bench"; chmod +x "$1/pa-bench"; }
wrap v_p0 "PA_SM90_PLAN_ONCE=0 PA_SM90_BURN=0"
wrap v_pon "PA_SM90_PLAN_ONCE=1 PA_SM90_BURN=0"
wrap v_pb256 "PA_SM90_PLAN_ONCE=0 PA_SM90_BURN=256"
wrap v_pb128 "PA_SM90_PLAN_ONCE=0 PA_SM90_BURN=128"
ncu_passes "build v_p0 v_pon v_pb256 v_pb128" ${NCU_S:-230} 6 --dims 128,256 --pages 100 --causal 1
dev_end logs_s58a
