#!/bin/bash
# Session 76, call a: M107, the straddle-only copy (d256 pages that are not multiples of 8: the copy
# writes the 8-key groups across a page boundary, the PT PAIR instances read the rest in place;
# off by default, pa__sm90_straddle_mode / --straddle 1 / PA_TEST_SM90_STRADDLE=1).
# Tests, all at once: forced sm90 d256 with M107 forced on pages 9..127, the copy first (the
# estimate's choice at test sizes), beside on 2 blocks, beside with the last-wave pieces on a 7-SM
# model; memcheck of the forced copy beside; the automatic choice (M107 off: unchanged); bad page
# ids with the copy kept (str_bad, not gated).
# Then, if every test passed: pa-bench d256 B4 H16 8k, both causal settings, pages 9..100, the
# library (the full copy beside at 9..42, page runs in place from 43) against --straddle 1,
# ROUNDS rounds (default 1).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t76a build/pa-bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=1 PA_TEST_PAGES=9,12,17,20,33,50,100,127"
env $S PA_TEST_CASES=30 PA_TEST_SEED=76001 timeout 120 build/test_gpu > "$T/str_first.log" 2>&1 &
env $S PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=30 PA_TEST_SEED=76002 timeout 120 build/test_gpu > "$T/str_beside.log" 2>&1 &
env $S PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_CASES=25 PA_TEST_SEED=76003 timeout 120 build/test_gpu > "$T/str_tail7.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=1 PA_TEST_PAGES=9,17,100 PA_TEST_SM90_COPY_CTAS=2 \
    PA_TEST_CASES=3 PA_TEST_SEED=76004 PA_TEST_LONG_RANGE=0 timeout 120 compute-sanitizer --tool memcheck --error-exitcode 99 \
    build/test_gpu > "$T/str_mc.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=76005 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
# bad page ids with the copy kept (test_gpu turns the copy off for them otherwise): M107 masks them
# per key; a call M107 cannot take (max_seq_len <= page) may take the full copy and fail (not gated)
env $S PA_TEST_BAD_KEEP_COPY=1 PA_TEST_CASES=20 PA_TEST_SEED=76006 timeout 120 build/test_gpu > "$T/str_bad.log" 2>&1 &
wait
test_summary
ok=1
for f in str_first str_beside str_tail7 auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
if [ $ok = 1 ] && [ -z "$SKIPBENCH" ]; then
    for r in $(seq 1 "${ROUNDS:-1}"); do
        for c in 1 0; do
            A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages ${BPAGES:-9,17,33,50,100} --causal $c"
            $A 2>&1 | pa_row lib > /dev/null
            $A --straddle 1 2>&1 | pa_row str > /dev/null
        done
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib str"
else
    echo "a test failed: no timing" | tee -a "$O/summary.txt"
fi
dev_end logs_s76a
