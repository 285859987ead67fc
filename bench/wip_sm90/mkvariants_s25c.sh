#!/bin/bash
# Session 25, call 3: build = M54 + M55 (the d128 / d256 gathers in the PAIR layout); build_GP0 =
# the gathers on the plain layout (M54 alone: per-function SASS as call 2's build).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_GP0 -DSM90_GATHER_PAIR_D128=0 -DSM90_GATHER_PAIR_D256=0
pack build_GP0
