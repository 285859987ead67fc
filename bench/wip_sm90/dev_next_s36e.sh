#!/bin/bash
# Session 36, call 3 (carry .carry/bins.tar.xz: build/). Calls 1 and 2: every build stalls under
# racecheck in the d64 TMA runs (the watchdog build alone did not, 0 of 8), and with racecheck's
# deadlock detector on, the stalls also hit a gather case (tile-multiple case 0, page 1) that had
# never stalled. Here the same two runs (sanitize.sh's forced d64 and d64 page runs, 3 cases)
# without racecheck: plain, up to 80 times each (30 s limit a run: a stall would show as rc 124),
# then 3 rounds under synccheck and memcheck.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36e build/test_gpu
d64_plain_runs 1 80 30 200
for tool in synccheck memcheck; do
    RC_TOOL=$tool d64_rc_rounds build 3 40 "$tool"
    [ $(( $(date +%s) - t0 )) -lt 330 ] || break
done
dev_end logs_s36e
