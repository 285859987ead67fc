#!/bin/bash
# Session 25, call 2: build = M54 (SM90_PAIR_ONE_WARP_MAX_D128=4); build_OW1 = the d128 knob at 1
# (session 24's SASS); d256 gather register splits: build_R40 = 40/232 (Q's first 4 k16-steps in
# registers, as now), build_R40Q6 = 40/232 with 6 steps, build_Q0 = 56/224 with none (how much the
# gather's cost moves with the consumers' shared-memory reads of Q).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_OW1 -DSM90_PAIR_ONE_WARP_MAX_D128=1
mk build_R40 -DSM90_GATHER_PREGS_D256=40
mk build_R40Q6 -DSM90_GATHER_PREGS_D256=40 -DSM90_QREG_G256=6
mk build_Q0 -DSM90_QREG_G256=0
pack build_OW1 build_R40 build_R40Q6 build_Q0
