#!/bin/bash
# Session 38, call 1 (prepared in session 37; carry .carry/bins.tar.xz for build/test_gpu). Does
# racecheck stall on the protocol of the d64 "contiguous case 0" launch outside the library?
# bench/wip_sm90/rc_repro.cu (standalone, built here with nvcc) runs 640-key, 1-key and 100-key launches
# with that protocol and checks each against a double reference. First plain (must pass), then
# racecheck, 12 runs of NWG 3 and 12 of NWG 2 interleaved (15 s limit; a passing run takes a few s),
# then the library's d64 page-run run with the sm90-only filter for the same call's rate (3.2o).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t38a build/test_gpu
nvcc -O3 -std=c++17 -gencode=arch=compute_90a,code=sm_90a -Isrc -o "$T/rc_repro" bench/wip_sm90/rc_repro.cu 2>&1 | tail -3
for nwg in 3 2; do
    timeout 30 "$T/rc_repro" $nwg 3 > "$T/plain_$nwg.log" 2>&1
    echo "rc_repro plain NWG $nwg: rc=$? $(tail -1 "$T/plain_$nwg.log")" | tee -a "$O/summary.txt"
    grep -m3 FAIL "$T/plain_$nwg.log" | tee -a "$O/summary.txt"
done
for rep in $(seq 12); do
    for nwg in 3 2; do
        [ $(( $(date +%s) - t0 )) -lt 300 ] || break 2
        n=repro_${nwg}_$rep; s=$(date +%s)
        timeout 15 compute-sanitizer --tool racecheck --error-exitcode 99 "$T/rc_repro" $nwg 3 > "$T/$n.log" 2>&1
        echo "$n: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/$n.log" | tail -1) | $(grep -E 'SUMMARY' "$T/$n.log" | tail -1 | sed 's/=========//') | last: $(grep '^\[rc_repro' "$T/$n.log" | tail -1 | cut -c1-60)" | tee -a "$O/summary.txt"
    done
done
for rep in 1 2 3 4 5 6; do
    [ $(( $(date +%s) - t0 )) -lt 420 ] || break
    d64_rc_run "lib_$rep" build 22 44,100,101 --kernel-name kns=sm90_prefill
done
dev_end logs_s38a
