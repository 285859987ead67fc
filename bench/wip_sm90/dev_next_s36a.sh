#!/bin/bash
# Prepared in session 35 (carry .carry/bins.tar.xz: build/ and three measurement builds:
#   build_WC  SM90_WAIT_CONVERGE=1: a __syncwarp after every consumer mbarrier wait (38 of 44 differ)
#   build_ZC  SM90_WAIT_CONVERGE=2: after the zero-fill's wait and before its bar.sync alone (28 differ)
#   build_NA  SM90_BAR_NONALIGNED=1: the named barriers as non-aligned barrier.sync / .arrive, which
#             ptxas guards with BRA.DIV before the ping-pong BAR.SYNCs (38 differ)
# Session 35 (RESULTS 3.2m): racecheck stalls about half of the d64 TMA runs of tests/sanitize.sh;
# its deadlock detector then shows 9 of 12 consumer warps on V's full barrier and the last warp of
# each warpgroup elsewhere. Theory: under racecheck the lanes of a warp leave the per-lane try_wait
# loops apart, and an aligned bar.sync (or wgmma) then runs on a diverged warp. WC or ZC removing
# the stalls supports it for the waits; NA removing them points at the named barriers.
#   1. forced sm90 tests of the three variants at each head_dim;
#   2. then, alone on the GPU, the two d64 TMA racecheck runs (forced; page runs), 3 rounds of the
#      four builds, 30 s each;
#   3. with time left (LIMIT, default 570 s), ncu A/B of build / ZC / WC / NA at d64 / d128 / d256,
#      contiguous and page 16, causal both (else run dev_next_s36b.sh, the A/B alone).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36a build_NA/test_gpu
forced_sm90 "build_WC build_ZC build_NA" 40 36100
wait   # (the racecheck rounds alone on the GPU: session 35 saw its stalls with the GPU to itself)
d64_rc_rounds "build build_WC build_ZC build_NA" 3 30 rc
test_summary
dev_end logs_s36a_1
if [ $(( $(date +%s) - t0 )) -lt $(( ${LIMIT:-570} - 240 )) ]; then
    . "$(dirname "$0")/dev_next_s36b.sh"
else
    echo "A/B skipped ($(el)): run dev_next_s36b.sh" | tee -a "$O/summary.txt"
fi
