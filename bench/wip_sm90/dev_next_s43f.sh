#!/bin/bash
# Session 43, the final library's checks (M80; the sm90 kernel's SASS as 2.53's, the copy kernel's
# as s43d's): forced copy at d128, automatic, then the whole tests/sanitize.sh (now 24 runs: the
# forced copy under memcheck and racecheck added). Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43f build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3,4,7,17 PA_TEST_CASES=30 PA_TEST_SEED=45128 \
    timeout 100 build/test_gpu > "$T/copy_128.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=45000 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
sanitize_phase ${SAN_TO:-480}   # (session 44: SAN_TO=540)
dev_end logs_s43f
