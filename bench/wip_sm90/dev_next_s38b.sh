#!/bin/bash
# Session 38, call 2 (carry .carry: build/ and build_NS = -DSM90_NO_SETMAXNREG). Call 1 (3.2p): the
# standalone reproducer stalls under racecheck (10 of 16 full-protocol runs, plain runs all pass) and
# stopped stalling with setmaxnreg compiled out (0 of 5), not with any other feature stripped. Here:
# (1) the reproducer's register split taken apart, interleaved, NWG 3: full / no setmaxnreg / dec
# only (REPRO_NO_INC) / 8 registers of slack (REPRO_SLACK); (2) the library with setmaxnreg compiled
# out against the library, the d64 runs that stall (contiguous and page runs 44/100/101), sm90-only
# filter, after one plain check of build_NS.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t38b build_NS/test_gpu
for f in full:"" ns:-DREPRO_NO_SETMAXNREG noinc:-DREPRO_NO_INC slack:-DREPRO_SLACK; do
    nvcc -O3 -std=c++17 ${f#*:} -gencode=arch=compute_90a,code=sm_90a -Isrc -o "$T/rc_${f%%:*}" bench/wip_sm90/rc_repro.cu 2>&1 | tail -3 &
done
wait
for v in full ns noinc slack; do
    timeout 30 "$T/rc_$v" 3 2 0 0 > "$T/plain_$v.log" 2>&1
    echo "rc_repro plain $v: rc=$? $(tail -1 "$T/plain_$v.log")" | tee -a "$O/summary.txt"
done
declare -A st
repro_rc() {
    local n=$1 s rc
    s=$(date +%s)
    timeout 12 compute-sanitizer --tool racecheck --error-exitcode 99 "$T/rc_$2" 3 3 0 0 > "$T/$n.log" 2>&1
    rc=$?
    [ $rc = 124 ] && st[$2]=$(( ${st[$2]:-0} + 1 ))
    rc_line "$n" $rc $(( $(date +%s) - s )) rc_repro
}
for rep in $(seq 8); do
    for v in full ns noinc slack; do
        [ $(( $(date +%s) - t0 )) -lt 230 ] || break 2
        repro_rc "${v}_$rep" $v
    done
done
echo "reproducer stalls (of runs up to rep $rep): full ${st[full]:-0} ns ${st[ns]:-0} noinc ${st[noinc]:-0} slack ${st[slack]:-0} ($(el))" | tee -a "$O/summary.txt"
for pg in "" "44,100,101"; do
    env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} PA_TEST_SEED=7 \
        timeout 60 build_NS/test_gpu > "$T/plain_NS${pg:+_runs}.log" 2>&1
    echo "build_NS plain ${pg:-contiguous}: rc=$? $(tail -1 "$T/plain_NS${pg:+_runs}.log")" | tee -a "$O/summary.txt"
done
RC_STOP=500 d64_rc_rounds "build build_NS" 6 22 lib --kernel-name kns=sm90_prefill
for b in build build_NS; do
    echo "$b: $(grep -c "^lib_${b}_.*rc=124" "$O/summary.txt") stalls of $(grep -c "^lib_${b}_" "$O/summary.txt") racecheck runs" | tee -a "$O/summary.txt"
done
dev_end logs_s38b
