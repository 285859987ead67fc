#!/bin/bash
# Session 27, call 5's build: build_PC = SM90_TMA_PRE_CLEAN=1 (the d256 TMA producers skip the
# mask words' ballots when the tile has no bad page: fewer instructions before the empty wait;
# no change, RESULTS 3.2e). The knob has since left the source: git apply
# bench/wip_sm90/pre_clean.patch first.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PC -DSM90_TMA_PRE_CLEAN=1
pack build_PC
