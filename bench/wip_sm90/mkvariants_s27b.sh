#!/bin/bash
# Session 27, call 2's builds: the d256 gather's pause after a tile's last copy group dropped
# (SM90_GATHER_PACE_LAST_D256=0, M60, rejected) at 32 ns (M58's), 48 ns and 16 ns pauses. The knob
# has since left the source: git apply bench/wip_sm90/pace_last.patch first.
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_PL0 -DSM90_GATHER_PACE_LAST_D256=0" \
       "build_PL48 -DSM90_GATHER_PACE_LAST_D256=0 -DSM90_GATHER_PACE_D256=48" \
       "build_PL16 -DSM90_GATHER_PACE_LAST_D256=0 -DSM90_GATHER_PACE_D256=16"
