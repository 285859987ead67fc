#!/bin/bash
# Session 24, call 3: build = M52 (SM90_TMA_PRE=1); build_OW = + SM90_PAIR_ONE_WARP=1 (where a tile
# is one PAIR box, panel warps 1 and 3 exit; the full barriers count one arrival).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_OW -DSM90_PAIR_ONE_WARP=1
pack build_OW
