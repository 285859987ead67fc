#!/bin/bash
# Session 78, call b: M107 and M108 on the pages they were written for. Sessions 76 / 77 never ran
# either there: sm90_straddle_ok refused every page that is NOT a multiple of 8 (a "% 8" missing its
# "== 0"), so pa-bench's --straddle rows were the library's own (0 calls counted, 3.5f and call a)
# and the forced tests' calls were page-16 cases, where neither copies anything.
# .carry/bins.tar.xz: build/{test_gpu,test_threads,pa-bench,libpagedattn.so} and
# build_str/{test_gpu,pa-bench} (SM90_STRADDLE=1), commit of this script.
# 1. tests at once: M108 forced (PA_TEST_NONCAUSAL=1) first / beside / tail7 / bad / memcheck;
#    M107 forced first / beside / bad / memcheck; the automatic choice in both builds.
# 2. if they pass: pa-bench d256 B4 H16 8k, non-causal lib / loc (M108) / str (M107), causal lib / str,
#    ROUNDS rounds; each straddle row's call count.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t78a build_str/pa-bench
B=build_str
P="PA_TEST_PAGES=9,12,15,17,20,33,50,100,127"
L="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=2 PA_TEST_NONCAUSAL=1 $P"
M="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_STRADDLE=1 $P"
env $L PA_TEST_CASES=40 PA_TEST_SEED=78001 timeout 110 $B/test_gpu > "$T/loc_first.log" 2>&1 &
env $L PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=40 PA_TEST_SEED=78002 timeout 110 $B/test_gpu > "$T/loc_beside.log" 2>&1 &
env $L PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_CASES=30 PA_TEST_SEED=78003 timeout 110 $B/test_gpu > "$T/loc_tail7.log" 2>&1 &
env $L PA_TEST_BAD_KEEP_COPY=1 PA_TEST_CASES=25 PA_TEST_SEED=78004 timeout 110 $B/test_gpu > "$T/loc_bad.log" 2>&1 &
env $L PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=3 PA_TEST_SEED=78005 PA_TEST_LONG_RANGE=0 timeout 110 \
    compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/loc_mc.log" 2>&1 &
env $M PA_TEST_CASES=40 PA_TEST_SEED=78011 timeout 110 $B/test_gpu > "$T/str_first.log" 2>&1 &
env $M PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=40 PA_TEST_SEED=78012 timeout 110 $B/test_gpu > "$T/str_beside.log" 2>&1 &
env $M PA_TEST_BAD_KEEP_COPY=1 PA_TEST_CASES=25 PA_TEST_SEED=78014 timeout 110 $B/test_gpu > "$T/str_bad.log" 2>&1 &
env $M PA_TEST_SM90_COPY_CTAS=2 PA_TEST_CASES=3 PA_TEST_SEED=78015 PA_TEST_LONG_RANGE=0 timeout 110 \
    compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/str_mc.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=78007 timeout 110 $B/test_gpu > "$T/auto_str.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=78008 timeout 110 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
grep -H "straddle-only\|FAIL" "$T"/loc_*.log "$T"/str_*.log | head -40 | tee -a "$O/summary.txt"
ok=1
for f in loc_first loc_beside loc_tail7 loc_bad str_first str_beside str_bad auto_str auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/loc_mc.log" || ok=0
grep -q "ERROR SUMMARY: 0 errors" "$T/str_mc.log" || ok=0
if [ $ok = 1 ] && [ -z "$SKIPBENCH" ]; then
    for r in $(seq 1 "${ROUNDS:-2}"); do
        A="$B/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 0 --pages ${BPAGES:-9,17,33,41,50}"
        $A 2>&1 | pa_row lib > /dev/null
        $A --straddle 2 2>&1 | tee "$T/loc_$r.txt" | pa_row loc > /dev/null
        $A --straddle 1 2>&1 | tee "$T/str_$r.txt" | pa_row str > /dev/null
        A="$B/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 1 --pages ${CPAGES:-17,33,50}"
        $A 2>&1 | pa_row clib > /dev/null
        $A --straddle 1 2>&1 | tee "$T/cstr_$r.txt" | pa_row cstr > /dev/null
        for f in loc str cstr; do   # (a row that took no straddle call is the library's: say so)
            grep -q "calls took the straddle-only copy" "$T/${f}_$r.txt" || echo "NOT TAKEN: $f round $r (the library's plan)"
            grep -h "straddle" "$T/${f}_$r.txt"
        done | tee -a "$O/summary.txt"
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib loc str"
    paired_table "clib cstr"
else
    echo "a test failed (or SKIPBENCH): no timing" | tee -a "$O/summary.txt"
fi
dev_end logs_s78a
