#!/bin/bash
# Session 29, call 4's builds (after `git apply bench/wip_sm90/pbusy.patch`): build_B64 / build_B192 =
# the PAIR path's issuing warps execute 64 / 192 dependent IMADs a tile after their boxes
# (SM90_DIAG_PBUSY; results unchanged), to see what producer instructions cost the consumers.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_B64 -DSM90_DIAG_PBUSY=64 &
mk build_B192 -DSM90_DIAG_PBUSY=192 &
wait
pack build_B64 build_B192
