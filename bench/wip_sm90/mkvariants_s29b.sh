#!/bin/bash
# Session 29, call 2's builds (after `git apply bench/wip_sm90/maps8.patch`): build_M8 = the PAIR
# boxes of a tile issued through 8 identical copies of the one tensor map (box i by copy i % 8), to
# see whether the run pages' cost is the TMA unit switching between their several maps.
. "$(dirname "$0")/mkvariant_lib.sh"
ALLOW_SPILLS=1 mk build_M8 -DSM90_DIAG_MAPS=1
pack build_M8
