#!/bin/bash
# Session 21: the gather's per-lane arrivals and shuffles (d128 / d256 only).
#   build_WA:   SM90_GATHER_WARP_ARRIVE=1 (one full-barrier arrival per copying warp);
#   build_LO:   SM90_GATHER_LDS_OFFS=1 (row offsets through shared memory, 16-byte loads);
#   build_WALO: both.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WA -DSM90_GATHER_WARP_ARRIVE=1
mk build_LO -DSM90_GATHER_LDS_OFFS=1
mk build_WALO -DSM90_GATHER_WARP_ARRIVE=1 -DSM90_GATHER_LDS_OFFS=1
pack build_WA build_LO build_WALO
