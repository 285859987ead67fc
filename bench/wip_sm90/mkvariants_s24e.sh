#!/bin/bash
# Session 24, call 6: build = M52 + M53; build_M2 / build_M4 = SM90_PAIR_ONE_WARP_MAX=2 / 4 (warps 0 /
# 2 issue every PAIR box of a tile of up to 2 / 4 boxes, warps 1 / 3 exit; the knob has since left
# the source: git apply bench/wip_sm90/one_warp_max.patch first).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_M2 -DSM90_PAIR_ONE_WARP_MAX=2
mk build_M4 -DSM90_PAIR_ONE_WARP_MAX=4
pack build_M2 build_M4
