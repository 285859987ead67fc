#!/bin/bash
# Session 37, call 1 (carry .carry/bins.tar.xz: build/, build_PD0/, build_WG2/). The racecheck stall
# of the d64 TMA runs: which d64 feature does it need? build_PD0 (-DSM90_PAIR_ONE_WARP_MAX_D64=0):
# panel warps 1 and 3 stay and arrive with 0 bytes instead of exiting (M53 off at d64); build_WG2
# (-DSM90_D64_WG3=0): d64 with two consumer warpgroups (384 threads) as d128 / d256, which never
# stalled. Rounds interleaved (library, PD0, WG2), 22 s a run; then session 36's plain runs (fresh
# seeds, no sanitizer) and one synccheck / memcheck round of the library if time is left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t37a build_WG2/test_gpu
for rep in 1 2 3 4 5; do
    for b in build build_PD0 build_WG2; do
        [ $(( $(date +%s) - t0 )) -lt 400 ] || break 2
        for pg in "" "44,100,101"; do
            n=rc_${b}_${rep}${pg:+_runs}; s=$(date +%s)
            env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} \
                timeout 22 compute-sanitizer --tool racecheck --error-exitcode 99 "$b/test_gpu" > "$T/$n.log" 2>&1
            echo "$n: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/$n.log" | tail -1) | $(grep -E 'SUMMARY' "$T/$n.log" | tail -1 | sed 's/=========//') | last: $(grep '^\[test_gpu' "$T/$n.log" | tail -1 | cut -c1-50)" | tee -a "$O/summary.txt"
        done
    done
done
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
ok=0; bad=0
for r in $(seq 101 180); do
    for pg in "" "44,100,101"; do
        env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} PA_TEST_SEED=$r \
            timeout 20 build/test_gpu > "$T/plain.log" 2>&1
        rc=$?
        if [ $rc = 0 ] && grep -q ", 0 failed" "$T/plain.log"; then ok=$((ok + 1)); else
            bad=$((bad + 1)); cp "$T/plain.log" "$T/plain_bad_${r}${pg:+_runs}.log"
            echo "plain seed $r ${pg:+runs }rc=$rc $(tail -1 "$T/plain.log")" | tee -a "$O/summary.txt"; fi
    done
    [ $(( $(date +%s) - t0 )) -lt 470 ] || break
done
echo "plain: $ok passed, $bad failed or stalled, seeds 101..$r ($(el))" | tee -a "$O/summary.txt"
for tool in synccheck memcheck; do
    [ $(( $(date +%s) - t0 )) -lt 520 ] || break
    RC_TOOL=$tool d64_rc_rounds build 1 30 "$tool"
done
dev_end logs_s37a
