#!/bin/bash
# Session 24, call 2: build = SM90_TMA_PRE=1 (adopted after call 1: d256 TMA producers form the mask
# words, PAIR coordinates and expected bytes before the empty wait); build_AH = + the d256 TMA
# producers' page-table entries read one tile ahead (SM90_TMA_AHEAD=1; since removed from the source:
# apply bench/wip_sm90/tma_ahead_d256.patch first); build_K3 = + a third K stage
# in the d256 TMA kernels (SM90_KSTAGES_T256=3, 224 KB; since removed from the source:
# git apply bench/wip_sm90/kstages_t256.patch first).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_AH -DSM90_TMA_AHEAD=1
mk build_K3 -DSM90_KSTAGES_T256=3
pack build_AH build_K3
