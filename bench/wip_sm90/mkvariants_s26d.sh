#!/bin/bash
# Session 26 (development machine), with M58 on (the d256 gather paced by 32 ns): build_NP = not
# paced, build_V32 = V's warps only, build_P16 = 16 ns.
# (SM90_GATHER_PACE_WARPS is in bench/wip_sm90/pace_knobs.patch since the review of session 26.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_NP -DSM90_GATHER_PACE_D256=0" \
       "build_V32 -DSM90_GATHER_PACE_WARPS=2" \
       "build_P16 -DSM90_GATHER_PACE_D256=16"
