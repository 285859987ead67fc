#!/bin/bash
# Prepared in session 31 (not run): M58's pause re-tuned on top of M69 at d256 (a copy group is now
# 8 rows, so a tile pauses half as often): build = the library (32 ns after each 8-row group),
# build_P0 / P16 / P48 / P64 (0 = no pause), and build_L8P16 (M69 off at d256, 16 ns a 4-row group:
# the same pause a tile as the library's, so that M69's d256 gain splits into the shuffles' and the
# halved pausing's). Carry .carry/bins.tar.xz for dev_next_s32a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_P0 -DSM90_GATHER_PACE_D256=0" "build_P16 -DSM90_GATHER_PACE_D256=16" \
       "build_P48 -DSM90_GATHER_PACE_D256=48" "build_P64 -DSM90_GATHER_PACE_D256=64" \
       "build_L8P16 -DSM90_GATHER_LPR_D256=8 -DSM90_GATHER_PACE_D256=16"
