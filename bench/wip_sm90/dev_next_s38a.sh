#!/bin/bash
# Session 38, call 1 (prepared in session 37; carry .carry/bins.tar.xz for build/test_gpu). Does
# racecheck stall on the protocol of the d64 "contiguous case 0" launch outside the library?
# bench/wip_sm90/rc_repro.cu (standalone, built here with nvcc) runs 640-key, 1-key and 100-key launches
# with that protocol and checks each against a double reference. First plain (must pass: if not, the
# rest says nothing; fix the reproducer), then racecheck on the full protocol, 8 runs each of NWG 3
# and NWG 2 (15 s limit; a passing run takes a few s). If any of them stalled, the same with one
# feature stripped at a time (FLAGS 1: no zero-fill, 2: no ping-pong, 4: idle producer warps stay,
# -DREPRO_NO_SETMAXNREG: no register split; 5 runs each at NWG 3). Last, the library's d64
# page-run run with the sm90-only filter, for the same call's rate (3.2o).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t38a build/test_gpu
nvcc -O3 -std=c++17 -gencode=arch=compute_90a,code=sm_90a -Isrc -o "$T/rc_repro" bench/wip_sm90/rc_repro.cu 2>&1 | tail -3
nvcc -O3 -std=c++17 -DREPRO_NO_SETMAXNREG -gencode=arch=compute_90a,code=sm_90a -Isrc -o "$T/rc_repro_ns" bench/wip_sm90/rc_repro.cu 2>&1 | tail -3
for nwg in 3 2; do
    for fl in 0 1 2 4; do
        timeout 30 "$T/rc_repro" $nwg 2 0 $fl > "$T/plain_${nwg}_$fl.log" 2>&1
        echo "rc_repro plain NWG $nwg flags $fl: rc=$? $(tail -1 "$T/plain_${nwg}_$fl.log")" | tee -a "$O/summary.txt"
        grep -m2 FAIL "$T/plain_${nwg}_$fl.log" | tee -a "$O/summary.txt"
    done
done
# repro_rc NAME BIN NWG FLAGS: one racecheck run of the reproducer (3 rounds of its three launches)
stalls=0
repro_rc() {
    local n=$1 s rc
    s=$(date +%s)
    timeout 15 compute-sanitizer --tool racecheck --error-exitcode 99 "$2" "$3" 3 0 "$4" > "$T/$n.log" 2>&1
    rc=$?
    [ $rc = 124 ] && stalls=$((stalls + 1))
    rc_line "$n" $rc $(( $(date +%s) - s )) rc_repro
}
for rep in $(seq 8); do
    for nwg in 3 2; do
        [ $(( $(date +%s) - t0 )) -lt 220 ] || break 2
        repro_rc "full_${nwg}_$rep" "$T/rc_repro" $nwg 0
    done
done
echo "full protocol: $stalls stalls ($(el))" | tee -a "$O/summary.txt"
if [ $stalls -gt 0 ]; then
    for rep in $(seq 5); do
        for v in 1 2 4 ns; do
            [ $(( $(date +%s) - t0 )) -lt 420 ] || break 2
            if [ $v = ns ]; then repro_rc "strip_ns_$rep" "$T/rc_repro_ns" 3 0; else repro_rc "strip_${v}_$rep" "$T/rc_repro" 3 $v; fi
        done
    done
fi
for rep in 1 2 3 4 5 6; do
    [ $(( $(date +%s) - t0 )) -lt 480 ] || break
    d64_rc_run "lib_$rep" build 22 44,100,101 --kernel-name kns=sm90_prefill
done
dev_end logs_s38a
