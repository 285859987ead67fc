#!/bin/bash
# Session 31's second build: build = the library with M68 at d256 (SM90_PROD_WAITWARP_D256=1 on the
# plain-layout instances), build_W128 = that plus M65 + M68 at d128 (3.2i call 1: -1.4..+1.3%, run
# again over more pages), build_HR = the d64 gather with half rows (SM90_GATHER_HALFROW_D64, M69).
# Carry .carry/bins.tar.xz for dev_next_s31b.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_W128 -DSM90_PROD_WAITWARP_D128=1 -DSM90_PROD_ALLWAIT_D128=1" "build_HR -DSM90_GATHER_HALFROW_D64=1"
