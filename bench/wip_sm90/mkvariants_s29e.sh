#!/bin/bash
# Session 29, call 5's builds (after `git apply bench/wip_sm90/runs_1w.patch`): build_R1 =
# SM90_RUNS_1W=1 (page runs issued by producer warp 0 alone, K then V, one plan a tile).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_R1 -DSM90_RUNS_1W=1
pack build_R1
