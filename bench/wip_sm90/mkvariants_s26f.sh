#!/bin/bash
# Session 26 (development machine), M58's pause refined (measurement knobs): build_S2 = 2 pauses of
# 16 ns a 4-row group (after its 2nd and 4th copy), build_K48 = K's warps 48 ns / V's 32 ns,
# build_V16 = K's 32 / V's 16 ns. The knobs are in pace_refine.patch (not in the source: measured slower, 3.2d).
# (pace_refine.patch applies on top of pace_knobs.patch since the review of session 26.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_S2 -DSM90_GATHER_PACE_SPLIT=2" \
       "build_K48 -DSM90_GATHER_PACE_D256=48 -DSM90_GATHER_PACE_V_D256=32" \
       "build_V16 -DSM90_GATHER_PACE_V_D256=16"
