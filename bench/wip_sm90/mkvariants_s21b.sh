#!/bin/bash
# Session 21: M46, the d128 / d256 gather with two producer warpgroups (SM90_GATHER_PWG2_D<D>).
#   build_P2:  both dims, 128-key d128 tiles;
#   build_P2W: both dims, the d128 gather on 176-key tiles too (SM90_WIDE_GATHER=1).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_P2 -DSM90_GATHER_PWG2_D128=1 -DSM90_GATHER_PWG2_D256=1
mk build_P2W -DSM90_GATHER_PWG2_D128=1 -DSM90_GATHER_PWG2_D256=1 -DSM90_WIDE_GATHER=1
pack build_P2 build_P2W
