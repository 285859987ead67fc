#!/bin/bash
# Session 36, call 3 (carry .carry/bins.tar.xz: build/). Calls 1 and 2: every build stalls under
# racecheck in the d64 TMA runs (the watchdog build alone did not, 0 of 8), and with racecheck's
# deadlock detector on, the stalls also hit a gather case (tile-multiple case 0, page 1) that had
# never stalled. Here the same two runs (sanitize.sh's forced d64 and d64 page runs, 3 cases)
# without racecheck: plain, up to 80 times each (30 s limit a run: a stall would show as rc 124),
# then 3 rounds under synccheck and memcheck.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36e build/test_gpu
ok=0; bad=0
for r in $(seq 80); do
    for pg in "" "44,100,101"; do
        env PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 ${pg:+PA_TEST_PAGES=$pg} PA_TEST_SEED=$r \
            timeout 30 build/test_gpu > "$T/plain.log" 2>&1
        rc=$?
        if [ $rc = 0 ] && grep -q ", 0 failed" "$T/plain.log"; then ok=$((ok + 1)); else
            bad=$((bad + 1)); cp "$T/plain.log" "$T/plain_bad_${r}${pg:+_runs}.log"
            echo "plain seed $r ${pg:+runs }rc=$rc $(tail -1 "$T/plain.log")" | tee -a "$O/summary.txt"; fi
    done
    [ $(( $(date +%s) - t0 )) -lt 200 ] || break
done
echo "plain: $ok passed, $bad failed or stalled, seeds 1..$r ($(el))" | tee -a "$O/summary.txt"
for tool in synccheck memcheck; do
    RC_TOOL=$tool d64_rc_rounds build 3 40 "$tool"
    [ $(( $(date +%s) - t0 )) -lt 330 ] || break
done
dev_end logs_s36e
