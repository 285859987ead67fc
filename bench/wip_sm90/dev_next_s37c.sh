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
        if [ $f = ONLY ]; then opt=--kernel-name; else opt=--kernel-name-exclude; fi
        for pg in "" "44,100,101"; do d64_rc_run "rc_${f}_${rep}${pg:+_runs}" build 22 "$pg" $opt kns=sm90_prefill; done
    done
done
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
dev_end logs_s37c
