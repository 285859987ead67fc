#!/bin/bash
# Session 35, call 5 (carry .carry/bins.tar.xz: build/ and build_BO/, -DSM90_WAIT_BACKOFF: a 256 ns
# sleep after each failed mbarrier try). Calls 1..4: racecheck stalls the d64 TMA runs of
# tests/sanitize.sh in about half of them (seed 1, at "contiguous case 0" where named), never the
# gather or d128 / d256 runs; the case alone passes, 5000 runs of it without a sanitizer pass. Theory:
# under racecheck, threads spinning on an mbarrier starve the thread they wait for. Test: the two d64
# TMA runs (forced; page runs) twice, build and build_BO alternated, 40 s each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t35e build_BO/test_gpu
for rep in 1 2; do
    for b in build build_BO; do
        for pg in "" "44,100,101"; do
            n=${b}_${rep}_${pg:+runs}
            s=$(date +%s)
            env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} \
                timeout 40 compute-sanitizer --tool racecheck --error-exitcode 99 $b/test_gpu > "$T/$n.log" 2>&1
            echo "$n: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/$n.log" | tail -1) | last: $(grep '^\[test_gpu' "$T/$n.log" | tail -1 | cut -c1-50)" | tee -a "$O/summary.txt"
        done
    done
done
dev_end logs_s35e
