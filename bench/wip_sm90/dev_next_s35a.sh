#!/bin/bash
# Prepared in session 34 (carry .carry/bins.tar.xz, rebuilt at the end of session 34 so that
# test_gpu flushes its PA_TEST_VERBOSE lines): which case of "sm90 forced, head_dim 64, 3 cases"
# (seed 1) does not finish under racecheck (RESULTS 3.2l: cut off at 540 s and at 270 s, no output)?
#   1. the whole run with each case named, and each random case alone (PA_TEST_ONLY=0/1/2; the
#      tile-multiple and contiguous cases run only in the whole run), under racecheck, 200 s each,
#      in parallel; the same run under synccheck;
#   2. build_S4 (SM90_STAGES_D64=4: the d64 TMA kernels' ring 4 deep, 152 KB; 3 stages spill): tests
#      forced to sm90 at d64, then ncu A/B against build at d64 pages 8 / 16 / 100 and contiguous,
#      causal both (session 7 had found 3 stages worse at page 8, before M41's third consumer
#      warpgroup and M65; d64 page 8 is over the 3% bar by 0.2..0.7 in 2.48);
#   3. then tests/sanitize.sh's racecheck half (each run limited to PA_SANITIZE_TIMEOUT s) in the
#      time left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t35a build/pa-bench
F="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=1 PA_TEST_VERBOSE=1"
one() {   # one NAME TOOL VAR=VALUE...
    local n=$1 t=$2; shift 2
    ( s=$(date +%s); env $F "$@" timeout 200 compute-sanitizer --tool $t --error-exitcode 99 build/test_gpu > "$T/$n.log" 2>&1
      echo "rc=$? $(( $(date +%s) - s ))s" >> "$T/$n.log" ) &
}
one whole_rc racecheck
one only0_rc racecheck PA_TEST_ONLY=0
one only1_rc racecheck PA_TEST_ONLY=1
one only2_rc racecheck PA_TEST_ONLY=2
one whole_sc synccheck
wait
for f in "$T"/*.log; do
    echo "$(basename "$f" .log): $(grep -E 'SUMMARY' "$f" | tail -1 | sed 's/=========//g') | $(grep -E 'passed, ' "$f" | tail -1) | $(tail -1 "$f")"
    echo "   last case: $(grep '^\[test_gpu' "$f" | tail -1 | cut -c1-220)"
done | tee -a "$O/summary.txt"
dev_end logs_s35a_1
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=35100 timeout 120 build_S4/test_gpu > $T/S4_sm90_64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,100 PA_TEST_CASES=2 PA_TEST_SEED=35101 timeout 120 \
    compute-sanitizer --tool racecheck build_S4/test_gpu > $T/S4_rc.log 2>&1 &
wait
test_summary
AB_PREFIX=s64 ab_if_passed "S4_sm90_64 S4_rc" "build build_S4" --dims 64 --pages 8,16,100 --causal both
dev_end logs_s35a_2
left=$(( ${LIMIT:-570} - $(date +%s) + t0 ))
echo "step 3 $(el), ${left}s left"
[ $left -gt 60 ] || exit 0
PA_SANITIZE_TOOLS=racecheck PA_SANITIZE_TIMEOUT=120 PA_TEST_CASES=10 timeout $left sh tests/sanitize.sh build > "$O/sanitize_rc.log" 2>&1
echo "sanitize rc=$? $(el)" | tee -a "$O/summary.txt"
grep -E "^== |^!!|RACECHECK SUMMARY|passed, " "$O/sanitize_rc.log" | sed 's/=========//' | tail -40
