#!/bin/bash
# Session 77, call a: M108, page-local groups for non-causal d256 (pages P > 8 not multiples of 8):
# the tile's slots hold each page's whole 8-row groups (PAIR boxes of the page map) and then the
# pages' remainder rows, which the copy beside writes packed (R / P of the keys: page 33 3%, 17 6%,
# 9 11%); pa__sm90_straddle_mode 2 (pa-bench --straddle 2, PA_TEST_SM90_STRADDLE=2), built with
# SM90_STRADDLE=1 (build_str/). The default build (build/) is the library (SASS 95255364).
# .carry/bins.tar.xz: build/{test_gpu,test_threads,pa-bench,libpagedattn.so} and
# build_str/{test_gpu,pa-bench} (the commands in NOTES session 77).
# 1. tests, all at once: M108 forced (non-causal cases, PA_TEST_NONCAUSAL=1) on odd pages 9..127,
#    the copy first / beside on 2 blocks / beside with the last-wave pieces on a 7-SM model / bad page
#    ids with the copy kept / memcheck; M107 (mode 1) again (its copy kernels became STR 1 of 3);
#    the automatic choice in both builds; test_threads (default build).
# 2. if they pass: pa-bench d256 B4 H16 8k non-causal, the library against --straddle 2 (and with
#    --copy-nowait 1), ROUNDS rounds (default 2); then session 76's causal diagnostic rows (one round).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t77a build_str/pa-bench
B=build_str
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=2 PA_TEST_NONCAUSAL=1 PA_TEST_PAGES=9,12,15,17,20,33,50,100,127"
env $S PA_TEST_CASES=40 PA_TEST_SEED=77001 timeout 110 $B/test_gpu > "$T/loc_first.log" 2>&1 &
env $S PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=40 PA_TEST_SEED=77002 timeout 110 $B/test_gpu > "$T/loc_beside.log" 2>&1 &
env $S PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_CASES=30 PA_TEST_SEED=77003 timeout 110 $B/test_gpu > "$T/loc_tail7.log" 2>&1 &
env $S PA_TEST_BAD_KEEP_COPY=1 PA_TEST_CASES=25 PA_TEST_SEED=77004 timeout 110 $B/test_gpu > "$T/loc_bad.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=2 PA_TEST_NONCAUSAL=1 PA_TEST_PAGES=9,17,100 PA_TEST_SM90_COPY_CTAS=2 \
    PA_TEST_CASES=3 PA_TEST_SEED=77005 PA_TEST_LONG_RANGE=0 timeout 110 compute-sanitizer --tool memcheck --error-exitcode 99 \
    $B/test_gpu > "$T/loc_mc.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=1 PA_TEST_PAGES=9,17,33,100 PA_TEST_SM90_COPY_CTAS=2 \
    PA_TEST_CASES=30 PA_TEST_SEED=77006 timeout 110 $B/test_gpu > "$T/str1_beside.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=77007 timeout 110 $B/test_gpu > "$T/auto_str.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=77008 timeout 110 build/test_gpu > "$T/auto.log" 2>&1 &
timeout 110 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
grep -h "straddle-only" "$T"/loc_*.log "$T"/str1_*.log | sort | uniq -c | tee -a "$O/summary.txt"
ok=1
for f in loc_first loc_beside loc_tail7 loc_bad str1_beside auto_str auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
if [ $ok = 1 ] && [ -z "$SKIPBENCH" ]; then
    for r in $(seq 1 "${ROUNDS:-2}"); do
        A="$B/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 0 --pages ${BPAGES:-9,17,25,33,41,50,63,77}"
        $A 2>&1 | pa_row lib > /dev/null
        $A --straddle 2 2>&1 | tee "$T/loc_$r.txt" | pa_row loc > /dev/null
        $A --straddle 2 --copy-nowait 1 2>&1 | pa_row locnw > /dev/null
        grep "straddle" "$T/loc_$r.txt" | tee -a "$O/summary.txt"
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib loc locnw"
    if [ -z "$SKIPDIAG" ]; then   # session 76's diagnostic (dev_s76b.sh), causal, one round
        r=1
        A="$B/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 1"
        $A --pages 8,40,33,50 2>&1 | pa_row clib > /dev/null
        $A --pages 33,50 --straddle 1 2>&1 | pa_row cstr > /dev/null
        $A --pages 33,50 --straddle 1 --copy-nowait 1 2>&1 | pa_row cstrnw > /dev/null
        $A --pages 50 --force-copy --copy-ctas 16 2>&1 | pa_row cfull > /dev/null
        $A --pages 50 --force-copy --copy-ctas 16 --copy-nowait 1 2>&1 | pa_row cfullnw > /dev/null
        paired_table "clib cstr cstrnw cfull cfullnw"
    fi
else
    echo "a test failed: no timing" | tee -a "$O/summary.txt"
fi
dev_end logs_s77a
