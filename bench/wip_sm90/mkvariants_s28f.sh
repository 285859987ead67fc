#!/bin/bash
# Session 28, call 6's build (after `git apply bench/wip_sm90/runs_hoist.patch`): build_RH =
# SM90_DIAG_RUNS_HOIST=1, a measurement build (wrong keys):
# the page-run producers keep tile 0's run plan (pa_sm90_runs_lane) for every tile, the same boxes
# a tile without the per-tile plan arithmetic; its d256 plain-runs producer spills 4 bytes.
. "$(dirname "$0")/mkvariant_lib.sh"
ALLOW_SPILLS=1 mk build_RH -DSM90_DIAG_RUNS_HOIST=1
pack build_RH
