#!/bin/bash
# Session 37, call 4 (carry .carry/bins.tar.xz: build/, build_C1a6/test_gpu = commit 1a6bcaa's
# (session 24, M53: the last library whose whole tests/sanitize.sh passed), build_C196/test_gpu =
# 1960302's (session 30, M64 + M65); same test cases as HEAD's test_gpu (tests/harness.c differs by a
# flush)). Bisect the racecheck stall: the d64 TMA page-run run (PA_TEST_PAGES=44,100,101, 3 cases,
# seed 1), racecheck on the sm90 kernels only (call 3: HEAD stalled 5 of 7 this way), builds
# interleaved, 22 s a run, for as long as the device budget allows.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t37d build_C196/test_gpu
for rep in 1 2 3 4 5 6 7 8; do
    for b in build_C1a6 build_C196 build; do
        [ $(( $(date +%s) - t0 )) -lt ${S37D_LIMIT:-180} ] || break 2
        d64_rc_run "rc_${b}_${rep}_runs" "$b" 22 44,100,101 --kernel-name kns=sm90_prefill
    done
done
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
dev_end logs_s37d
