#!/bin/bash
# Superseded by dev_s58a.sh (session 58 ran the same probe as a runtime switch of one binary, probe_s58.patch). Prepared in session 57, never run (the device budget was spent): the second probe of page
# 100's cost after 3.3r. v_once (plan_once_probe.patch, -DSM90_PLAN_ONCE; WRONG results, timing
# only) plans and looks up tile 0's page runs alone and reuses that plan for every tile, so the
# per-tile plan / lookup / record path (which 3.3r's v_half kept) is gone while the boxes and
# their bytes stay. Its d128 plain instance spills (about one store and three loads a tile in the
# producer; ALLOW_SPILLS=1 to build it), d256 does not. Build here:
#   git apply bench/wip_sm90/plan_once_probe.patch
#   . bench/wip_sm90/mkvariant_lib.sh; ALLOW_SPILLS=1 mk v_once -DSM90_PLAN_ONCE
#   git checkout src/cuda/prefill_sm90.cu; pack v_once
# then ncu passes build / v_once at d128 / d256 causal page 100 and contiguous.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57g v_once/pa-bench
ncu_passes "build v_once" ${NCU_S:-120} 6 --dims 128,256 --pages 100 --causal 1
dev_end logs_s57g
