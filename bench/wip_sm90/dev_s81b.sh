#!/bin/bash
# Session 81, call b: M110 (build_pm: -DSM90_PMAP_ISSUE=1), whole-page boxes issued apart with their
# map, column and buffer warp-uniform (the SASS: 12 -> 10 instructions a whole-page box; the
# d128 / d64 run-table instances' producers and, by register renaming, their consumers change).
# Predicted from call a's finding (the consumers' steps slower at page 9, their waits not: the
# producers' instructions) and M88's probe (128 instructions a producer warp and tile ~2%):
# about 0.3 points at pages 9..15, within the spread unless ncu sees it.
# 1. tests of build_pm: forced sm90 at d128 / d64 on pages 9..127 never copying (the run table's
#    pages), the automatic choice, memcheck at d128 on 9 / 12 / 100.
# 2. if they pass: ncu A/B (pa_ncu.py, 2 passes alternating, never copying) d128 / d64 causal on
#    pages 9 / 11 / 12 / 13 / 100, then pa-bench paired rows lib / pm, d128 causal 9..15, 2 rounds.
# .carry/bins.tar.xz: build/{pa-bench,test_gpu,libpagedattn.so}, build_pm/{pa-bench,test_gpu}.
# (M110 left the source after this call, RESULTS 3.5n: build_pm needs bench/wip_sm90/m110_pmap_issue.patch.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81b build_pm/pa-bench
B=build_pm
P="PA_TEST_PAGES=9,10,11,12,13,14,15,17,20,33,44,47,100,127"
for d in 128 64; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_COPY=-1 $P PA_TEST_CASES=40 PA_TEST_SEED=$((81100 + d)) \
        timeout 110 $B/test_gpu > "$T/pm_runs$d.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((81200 + d)) \
        timeout 110 $B/test_gpu > "$T/pm_sm90_$d.log" 2>&1 &
done
PA_TEST_CASES=30 PA_TEST_SEED=81301 timeout 110 $B/test_gpu > "$T/pm_auto.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,12,100 PA_TEST_CASES=3 PA_TEST_SEED=81302 \
    PA_TEST_LONG_RANGE=0 timeout 110 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/pm_mc.log" 2>&1 &
wait
test_summary
ok=1
for f in pm_runs128 pm_runs64 pm_sm90_128 pm_sm90_64 pm_auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/pm_mc.log" || ok=0
echo "tests ok=$ok" | tee -a "$O/summary.txt"
if [ $ok = 1 ]; then
    ncu_ab "build build_pm" --dims 128,64 --pages 9,11,12,13,100 --causal 1 --pa-extra "--kv-copy-limit 0"
    for r in 1 2; do
        A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 9,10,11,12,13,14,15 --kv-copy-limit 0"
        build/pa-bench $A 2>&1 | pa_row lib > /dev/null
        $B/pa-bench $A 2>&1 | pa_row pm > /dev/null
    done
    paired_table "lib pm"
fi
dev_end logs_s81b
