#!/bin/bash
# Session 29, call 1's builds (after `git apply bench/wip_sm90/srow8.patch`): build_S8 = page-run
# boxes moved down to the 8-row group they start in (SM90_DIAG_SROW8=1; overlapping, wrong results,
# the same bytes), to see whether the run pages' cost is their boxes landing off the swizzle atom.
. "$(dirname "$0")/mkvariant_lib.sh"
ALLOW_SPILLS=1 mk build_S8 -DSM90_DIAG_SROW8=1
pack build_S8
