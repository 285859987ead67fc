#!/bin/bash
# Session 37, call 1 (carry .carry/bins.tar.xz: build/, build_PD0/, build_WG2/). The racecheck stall
# of the d64 TMA runs: which d64 feature does it need? build_PD0 (-DSM90_PAIR_ONE_WARP_MAX_D64=0):
# panel warps 1 and 3 stay and arrive with 0 bytes instead of exiting (M53 off at d64); build_WG2
# (-DSM90_D64_WG3=0): d64 with two consumer warpgroups (384 threads) as d128 / d256, which never
# stalled. Rounds interleaved (library, PD0, WG2), 22 s a run; then session 36's plain runs (fresh
# seeds, no sanitizer) and one synccheck / memcheck round of the library if time is left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t37a build_WG2/test_gpu
RC_STOP=400 d64_rc_rounds "build build_PD0 build_WG2" 5 22 rc
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
d64_plain_runs 101 180 20 470
for tool in synccheck memcheck; do
    [ $(( $(date +%s) - t0 )) -lt 520 ] || break
    RC_TOOL=$tool d64_rc_rounds build 1 30 "$tool"
done
dev_end logs_s37a
