#!/bin/bash
# Session 38, call 3 (carry .carry: build/ and build_NS = -DSM90_NO_SETMAXNREG). (1) tests/sanitize.sh's
# racecheck half as `make test-sanitize` now runs it: the d64 TMA runs (forced d64, d64 page runs) on
# the build without the register split, everything else on the library's build. (2) The reproducer
# with the consumers' setmaxnreg.inc after a named barrier that the producers arrive on once they have
# given their registers back (REPRO_INC_AFTER), against the full protocol: if the stall is the
# consumers' allocation retrying before the producers' release, this never stalls. (3) The memcheck
# half with what time is left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t38c build_NS/test_gpu
for f in full:"" after:-DREPRO_INC_AFTER; do
    nvcc -O3 -std=c++17 ${f#*:} -gencode=arch=compute_90a,code=sm_90a -Isrc -o "$T/rc_${f%%:*}" bench/wip_sm90/rc_repro.cu > "$T/nvcc_${f%%:*}.txt" 2>&1 &
done
PA_SANITIZE_TOOLS=racecheck PA_SANITIZE_TIMEOUT=150 timeout 420 sh tests/sanitize.sh build build_NS > "$O/sanitize_racecheck.log" 2>&1
echo "sanitize.sh racecheck half: rc=$? $(tail -1 "$O/sanitize_racecheck.log") ($(el))" | tee -a "$O/summary.txt"
grep -E "^== |SUMMARY|^!!|passed, " "$O/sanitize_racecheck.log" | tee -a "$O/summary.txt"
wait
for v in full after; do
    timeout 30 "$T/rc_$v" 3 2 0 0 > "$T/plain_$v.log" 2>&1
    echo "rc_repro plain $v: rc=$? $(tail -1 "$T/plain_$v.log")" | tee -a "$O/summary.txt"
done
declare -A st
for rep in $(seq 8); do
    for v in full after; do
        [ $(( $(date +%s) - t0 )) -lt 520 ] || break 2
        s=$(date +%s)
        timeout 12 compute-sanitizer --tool racecheck --error-exitcode 99 "$T/rc_$v" 3 3 0 0 > "$T/${v}_$rep.log" 2>&1
        rc=$?
        [ $rc = 124 ] && st[$v]=$(( ${st[$v]:-0} + 1 ))
        rc_line "${v}_$rep" $rc $(( $(date +%s) - s )) rc_repro
    done
done
echo "reproducer stalls (rounds up to $rep): full ${st[full]:-0} after ${st[after]:-0} ($(el))" | tee -a "$O/summary.txt"
left=$(( 575 - $(date +%s) + t0 ))
if [ $left -gt 60 ]; then
    PA_SANITIZE_TOOLS=memcheck PA_SANITIZE_TIMEOUT=150 timeout $left sh tests/sanitize.sh build build_NS > "$O/sanitize_memcheck.log" 2>&1
    echo "sanitize.sh memcheck half: rc=$? $(tail -1 "$O/sanitize_memcheck.log") ($(el))" | tee -a "$O/summary.txt"
    grep -E "^== |SUMMARY|^!!" "$O/sanitize_memcheck.log" | tail -30 >> "$O/summary.txt"
fi
dev_end logs_s38c
