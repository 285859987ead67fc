#!/bin/bash
# Session 26 (development machine): the d256 gather's copies paced by a nanosleep after each 4-row
# group (SM90_GATHER_PACE ns; SM90_GATHER_PACE_WARPS 1 = K's warps only).
# (Its knobs, in the form of that call, are gone; bench/wip_sm90/pace_knobs.patch has their later form.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_P16 -DSM90_GATHER_PACE=16
mk build_P48 -DSM90_GATHER_PACE=48
mk build_PK48 -DSM90_GATHER_PACE=48 -DSM90_GATHER_PACE_WARPS=1
pack build_P16 build_P48 build_PK48
