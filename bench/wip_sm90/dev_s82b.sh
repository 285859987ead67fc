#!/bin/bash
# Session 82, call b: M112 same-binary probe. build_sp = -DSM90_SLACK=1 -DSM90_SLACK_PROBE: with
# PA_SM90_SLACK_OFF=1 the plan and the producers take the old table path (same SASS, same slack
# layout); with 0 the whole-page boxes. pa-bench paired rows (d128 B4 H16 8k causal, fragmented),
# lib / on / off, 2 rounds, then ncu (mode_ab) of on / off at pages 9 / 12 / 15 / 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t82b build_sp/pa-bench
A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 9,10,11,12,13,14,15,17,100"
for r in 1 2; do
    build/pa-bench $A 2>&1 | pa_row lib > /dev/null
    PA_SM90_SLACK_OFF=0 build_sp/pa-bench $A 2>&1 | pa_row on > /dev/null
    PA_SM90_SLACK_OFF=1 build_sp/pa-bench $A 2>&1 | pa_row off > /dev/null
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib on off"
mode_ab PA_SM90_SLACK_OFF build_sp "on=0 off=1" --dims 128 --pages 9,12,15,100 --causal 1
dev_end logs_s82b
