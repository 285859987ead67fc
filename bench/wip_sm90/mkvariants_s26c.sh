#!/bin/bash
# Session 26 (development machine): the d128 and d256 gathers' copies paced
# (SM90_GATHER_PACE_D128 / _D256 ns after each 4-row copy group; the d64 gather spills with it):
# 32, 96, 200 ns. Two builds at a time.
# (SM90_GATHER_PACE_D128 is in bench/wip_sm90/pace_knobs.patch since the review of session 26.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_A32 -DSM90_GATHER_PACE_D128=32 -DSM90_GATHER_PACE_D256=32" \
       "build_B96 -DSM90_GATHER_PACE_D128=96 -DSM90_GATHER_PACE_D256=96" \
       "build_C200 -DSM90_GATHER_PACE_D128=200 -DSM90_GATHER_PACE_D256=200"
