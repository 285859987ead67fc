#!/bin/bash
# Session 81, call c: M111 (build_sp: -DSM90_RUNS_SPLIT_D64=1), the d64 page runs' boxes split
# between each tensor's two panel warps (warp 1 / 3 had none at d64: one 64-column panel). Why: call
# a's trace and 3.5l put the in-place cost in the producers' instructions on the busiest
# sub-partition; at d64 one warp a tensor issues all ~17 boxes of a page-9 tile. Predicted: d64
# page runs (in place) 9..15 a point or more lower (d64 9 / 10 / 11 in place +6.0, 13 +3.3 in 3.5i).
# 1. tests of build_sp: forced sm90 d64 never copying on the run pages, forced sm90 d64, automatic,
#    memcheck and racecheck at d64 pages 9 / 13 / 100 never copying.
# 2. if they pass: ncu A/B (2 passes, never copying) d64 causal and non-causal, pages 9 / 11 / 13 /
#    15 / 44 / 100; pa-bench paired rows d64 causal 9..15, in place (lib / sp) and as the library
#    chooses (libd / spd: 9..11 copy beside), 2 rounds.
# .carry/bins.tar.xz: build/{pa-bench,test_gpu,libpagedattn.so}, build_sp/{pa-bench,test_gpu}.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81c build_sp/pa-bench
B=build_sp
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11,12,13,14,15,17,20,33,44,47,100,127 \
    PA_TEST_CASES=50 PA_TEST_SEED=81401 timeout 110 $B/test_gpu > "$T/sp_runs64.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=81402 timeout 110 $B/test_gpu > "$T/sp_sm90_64.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=81403 timeout 110 $B/test_gpu > "$T/sp_auto.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,13,100 PA_TEST_CASES=3 PA_TEST_SEED=81404 \
    PA_TEST_LONG_RANGE=0 timeout 110 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/sp_mc.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,13,100 PA_TEST_CASES=2 PA_TEST_SEED=81405 \
    PA_TEST_LONG_RANGE=0 timeout 150 compute-sanitizer --tool racecheck $B/test_gpu > "$T/sp_rc.log" 2>&1 &
wait
test_summary
ok=1
for f in sp_runs64 sp_sm90_64 sp_auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/sp_mc.log" || ok=0
grep -q "RACECHECK SUMMARY: 0 hazards" "$T/sp_rc.log" || grep -q "ERROR SUMMARY: 0 errors" "$T/sp_rc.log" || ok=0
grep -E "SUMMARY" "$T/sp_rc.log" | tail -2 | tee -a "$O/summary.txt"
echo "tests ok=$ok" | tee -a "$O/summary.txt"
if [ $ok = 1 ]; then
    ncu_ab "build build_sp" --dims 64 --pages 9,11,13,15,44,100 --causal both --pa-extra "--kv-copy-limit 0"
    for r in 1 2; do
        A="--prefill-only --table frag --no-check --iters 10 --dims 64 --causal 1 --pages 9,10,11,12,13,14,15"
        build/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row lib > /dev/null
        $B/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row sp > /dev/null
        build/pa-bench $A 2>&1 | pa_row libd > /dev/null
        $B/pa-bench $A 2>&1 | pa_row spd > /dev/null
    done
    paired_table "lib sp libd spd"
fi
dev_end logs_s81c
