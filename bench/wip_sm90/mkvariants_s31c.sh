#!/bin/bash
# Session 31's third build: build = the library (M68 at d256, M69 at d64: SM90_GATHER_LPR_D64=4);
# variants of M69's lanes per row: L2_64 (d64 at 2), L4_128 / L2_128 (d128 at 4 / 2), L4_256 /
# L2_256 (d256 at 4 / 2). Carry .carry/bins.tar.xz for dev_next_s31c.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_L2_64 -DSM90_GATHER_LPR_D64=2" "build_L4_128 -DSM90_GATHER_LPR_D128=4" "build_L2_128 -DSM90_GATHER_LPR_D128=2" \
       "build_L4_256 -DSM90_GATHER_LPR_D256=4" "build_L2_256 -DSM90_GATHER_LPR_D256=2"
