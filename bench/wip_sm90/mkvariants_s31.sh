#!/bin/bash
# Session 31's first build (prepared in session 30, compile-checked: 0 spills): build_WW, M65 with
# M67's warp-vote exit (SM90_PROD_WAITWARP=1) in every TMA instance (SM90_PROD_ALLWAIT_D128=1,
# _D256=1); build is 2.43's library. Carry .carry/bins.tar.xz for dev_next_s31a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk build_WW -DSM90_PROD_WAITWARP=1 -DSM90_PROD_ALLWAIT_D128=1 -DSM90_PROD_ALLWAIT_D256=1
pack build_WW
