#!/bin/bash
# Prepared in session 35 (carry .carry/bins.tar.xz: build/, build_WC/ = SM90_WAIT_CONVERGE=1, a
# __syncwarp after every consumer mbarrier wait, 38 of 44 functions differ; build_ZC/ =
# SM90_WAIT_CONVERGE=2, after the zero-fill's wait and before its bar.sync alone, 28 differ).
# Session 35 (RESULTS 3.2m): racecheck stalls the d64 TMA runs of tests/sanitize.sh in about half
# of them; its deadlock detector then shows 9 of 12 consumer warps on V's full barrier and the last
# warp of each warpgroup elsewhere. Theory: under racecheck the lanes of a warp leave the per-lane
# try_wait loops apart, and the aligned instructions after them (bar.sync, wgmma) then run on a
# diverged warp. In the SASS nothing reconverges the warp between the spin loop and the zero-fill's
# BAR.SYNC 0x1, 0x180.
#   1. the two d64 TMA racecheck runs (forced; page runs), 3 rounds of build / build_WC / build_ZC,
#      30 s each: does either variant stop the stalls (build: about half stall)?
#   2. forced sm90 tests of both variants at each head_dim (background, during 1);
#   3. ncu A/B build / build_ZC / build_WC, d64 / d128 / d256, contiguous and page 16, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36a build_ZC/test_gpu
forced_sm90 "build_WC build_ZC" 40 36100
d64_rc_rounds "build build_WC build_ZC" 3 30 rc
wait
test_summary
dev_end logs_s36a_1
AB_PREFIX=cv ab_if_passed "build_WC_sm90_64 build_WC_sm90_128 build_WC_sm90_256 build_ZC_sm90_64 build_ZC_sm90_128 build_ZC_sm90_256" \
    "build build_ZC build_WC" --dims 64,128,256 --pages 16 --causal both
dev_end logs_s36a_2
