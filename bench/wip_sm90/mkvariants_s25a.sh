#!/bin/bash
# Session 25, call 1 (measurement builds): build_P0 = SM90_PAIRS_ON=0 (contiguous and PAIR pages on
# the plain layout, one box a panel: the plain layout's own cost); build_G1 / build_G2 =
# SM90_GATHER_DIAG=1 / 2 (the gather copies nothing / every other row group: wrong results, timing
# only); build_OW = one_warp_max.patch with SM90_PAIR_ONE_WARP_MAX=4 (session 24's repeat).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_P0 -DSM90_PAIRS_ON=0
mk build_G1 -DSM90_GATHER_DIAG=1
mk build_G2 -DSM90_GATHER_DIAG=2
git apply bench/wip_sm90/one_warp_max.patch || exit 1
mk build_OW -DSM90_PAIR_ONE_WARP_MAX=4
git apply -R bench/wip_sm90/one_warp_max.patch
pack build_P0 build_G1 build_G2 build_OW
