#!/bin/bash
# Session 34, call 4 (carry .carry/bins.tar.xz; build = the committed library): tests/sanitize.sh's
# racecheck half in call 3 ran its automatic run (10 cases, 0 hazards) and then spent 400+ s in
# "sm90 forced, head_dim 64, 3 cases" without finishing. Here the racecheck runs it has not
# covered, in parallel and with short page lists, each under its own time limit, and the d64 run
# that did not finish again (its own time printed), to tell a slow run from a hang.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t34d build/pa-bench
L=${LIMIT:-270}
rc() {   # rc NAME VAR=VALUE...: one racecheck run, its wall time appended to its log
    local n=$1; shift
    ( s=$(date +%s); env "$@" timeout $L compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/$n.log" 2>&1
      echo "rc=$? $(( $(date +%s) - s ))s" >> "$T/$n.log" ) &
}
for d in 64 128 256; do
    rc sm90_$d PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,64 PA_TEST_CASES=2 PA_TEST_SEED=$((34400 + d))
done
rc gather_64 PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=34410
rc runs_64 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=2 PA_TEST_SEED=34411
rc runs_256 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=2 PA_TEST_SEED=34412
rc tail_128 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=3 PA_TEST_SEED=34413
rc slow_64 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3
wait
for f in "$T"/*.log; do
    echo "$(basename "$f" .log): $(grep -E 'RACECHECK SUMMARY' "$f" | tail -1 | sed 's/=========//g') | $(grep -E 'passed, ' "$f" | tail -1) | $(tail -1 "$f")"
    grep -m3 -E "FAIL|Timeout|!!|Error" "$f"
done | tee -a "$O/summary.txt"
dev_end logs_s34d
