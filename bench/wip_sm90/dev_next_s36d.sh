#!/bin/bash
# Session 36, call 2 (carry .carry/bins.tar.xz: build/ and build_WD, SM90_WATCHDOG=25). Call 1
# (dev_next_s36a.sh) showed SM90_WAIT_CONVERGE=1 / =2 and SM90_BAR_NONALIGNED=1 stalling under
# racecheck as the library does (WC 5 of 6 runs, ZC 5 of 6, NA 3 of 6, library 3 of 6), so the
# divergence theory does not hold. Here: where the warps are when it stalls, alone on the GPU,
# 4 rounds of the two d64 TMA racecheck runs with racecheck's deadlock detector at 25 s (longer
# than any wait of a run that finishes: the d64 gather's random case 1 takes 10 s whole) and the
# watchdog build (each thread's last barrier in global memory, printed when a wait passes 25 s).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36d build_WD/test_gpu
for r in 1 2 3 4; do
    d64_rc_rounds "build" 1 60 "dl$r" --racecheck-deadlock-timeout 25000
    d64_rc_rounds "build_WD" 1 60 "wd$r"
    [ $(( $(date +%s) - t0 )) -lt 440 ] || break
done
dev_end logs_s36d
