#!/bin/bash
# Session 37, call 3 (carry .carry/bins.tar.xz: build/, build_AW0/, build_WW1/). Is the racecheck stall
# in the sm90 kernel? The library's two d64 TMA racecheck runs with racecheck's instrumentation limited
# to the sm90 kernels (--kernel-name kns=sm90_prefill: ONLY) and with every kernel but them
# instrumented (--kernel-name-exclude kns=sm90_prefill: EXCL), interleaved, 22 s a run.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t37c build_WW1/test_gpu
compute-sanitizer --help | grep -A3 -E "kernel-name" | head -12 | tee -a "$O/summary.txt"
for rep in 1 2 3 4 5 6 7; do
    for f in ONLY EXCL; do
        [ $(( $(date +%s) - t0 )) -lt 400 ] || break 2
        if [ $f = ONLY ]; then opt="--kernel-name kns=sm90_prefill"; else opt="--kernel-name-exclude kns=sm90_prefill"; fi
        for pg in "" "44,100,101"; do
            n=rc_${f}_${rep}${pg:+_runs}; s=$(date +%s)
            env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} \
                timeout 22 compute-sanitizer --tool racecheck $opt --error-exitcode 99 build/test_gpu > "$T/$n.log" 2>&1
            echo "$n: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/$n.log" | tail -1) | $(grep -E 'SUMMARY' "$T/$n.log" | tail -1 | sed 's/=========//') | last: $(grep '^\[test_gpu' "$T/$n.log" | tail -1 | cut -c1-50)" | tee -a "$O/summary.txt"
        done
    done
done
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
dev_end logs_s37c
