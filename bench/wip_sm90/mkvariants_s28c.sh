#!/bin/bash
# Session 28, call 3's extra build (after `git apply bench/wip_sm90/pruns.patch`): build_PB = M62
# with SM90_PRUNS_SPLIT=1 (warp 1 also issues the PAIR boxes of odd runs; the d128 PR producer then
# spills 4 bytes: a measurement build, ALLOW_SPILLS=1). build and build_R0: mkvariants_s28a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
ALLOW_SPILLS=1 mk build_PB -DSM90_PRUNS_SPLIT=1
pack build_R0 build_PB
