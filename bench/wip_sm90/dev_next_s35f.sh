#!/bin/bash
# Session 35, call 6 (carry .carry/bins.tar.xz, build/): the racecheck stall of the d64 TMA runs.
#   1. contiguous case 0 (d64) alone, 20 times in one process under racecheck: does the case itself
#      stall, without the cases before it?
#   2. the two d64 TMA runs (forced; page runs) 3 times each with racecheck's tracking of async
#      copies off (--racecheck-memcpy-async no): the case's one TMA box is 127 of 128 rows past the
#      end of a 1-row tensor; do the stalls come from racecheck's handling of the bulk copies?
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t35f build/test_gpu
compute-sanitizer --help 2>&1 | grep -i -A1 "racecheck-" | head -20
s=$(date +%s)
env PA_TEST_VERBOSE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CONTIGUOUS=0 PA_TEST_REPEAT=20 \
    timeout 60 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/alone20.log" 2>&1
echo "alone20: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/alone20.log" | tail -1) | last: $(grep '^\[test_gpu' "$T/alone20.log" | tail -1 | cut -c1-50)" | tee -a "$O/summary.txt"
d64_rc_rounds build 3 30 noasync --racecheck-memcpy-async no
dev_end logs_s35f
