#!/bin/bash
# Prepared in session 32 (built and packed at its end): the d128 gather paced lightly
# (SM90_GATHER_PACE_D128, SM90_GATHER_PACE_EVERY_D128; 16 copy groups of 2 cp.async a warp and tile):
# build_Q8 / build_Q16 = 8 / 16 ns after every group (128 / 256 ns a tile), build_E4 = 32 ns after
# every 4th group (128 ns a tile in 4 pauses), build_E8 = 64 ns after every 8th (128 ns in 2).
# Carry .carry/bins.tar.xz for dev_next_s33a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_Q8 -DSM90_GATHER_PACE_D128=8" "build_Q16 -DSM90_GATHER_PACE_D128=16" \
       "build_E4 -DSM90_GATHER_PACE_D128=32 -DSM90_GATHER_PACE_EVERY_D128=4" \
       "build_E8 -DSM90_GATHER_PACE_D128=64 -DSM90_GATHER_PACE_EVERY_D128=8"
