#!/bin/bash
# Session 29, call 7's builds (after `git apply bench/wip_sm90/runs_share.patch`): build_PS =
# SM90_RUNS_SHARE=1 (producer warp 0 forms the run plan and looks up the pages; warps 1..3 read
# each lane's box from shared memory).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PS -DSM90_RUNS_SHARE=1
pack build_PS
