#!/bin/bash
# Session 28, call 1's builds (after `git apply bench/wip_sm90/pruns.patch`: M62 was rejected, RESULTS
# 3.2f): build = M62 (page runs in the PAIR layout at d128 / d256, the patch's default);
# build_R0 = SM90_PRUNS_D128=0 SM90_PRUNS_D256=0 (plain page runs as before: the library's
# previous SASS). (At d64, SM90_PRUNS_D64=1, the 32-register producer spills 4 bytes.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_R0 -DSM90_PRUNS_D128=0 -DSM90_PRUNS_D256=0
pack build_R0
