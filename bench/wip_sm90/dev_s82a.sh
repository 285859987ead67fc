#!/bin/bash
# Session 82, call a: M112 (SM90_SLACK=1 in build_sl; build = the library, SASS 936dea7a).
# 1. build_sl's GPU tests: forced sm90 d128 (40 cases), forced d128 on pages 9..18 / 33 / 100 never
#    copying (60), automatic (40), memcheck (pages 9 / 13 / 17, 3 cases) and racecheck (9 / 17, 2).
# 2. if they pass: pa-bench paired rows, d128 B4 H16 8k causal, fragmented, lib against sl, 2 rounds:
#    pages 9..17, 33, 100 (the library's choices).
# 3. ncu: bench/pa_ncu.py d128 causal pages 9 / 12 / 15 / 100, both builds alternated twice.
# .carry/bins.tar.xz: build/{pa-bench,test_gpu,libpagedattn.so}, build_sl/{pa-bench,test_gpu,libpagedattn.so}.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t82a build_sl/pa-bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128"
env $S PA_TEST_CASES=40 PA_TEST_SEED=82101 timeout 120 build_sl/test_gpu > "$T/sl_sm90_128.log" 2>&1 &
env $S PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11,12,13,14,15,17,18,33,100 PA_TEST_CASES=60 PA_TEST_SEED=82102 \
    timeout 120 build_sl/test_gpu > "$T/sl_pages.log" 2>&1 &
PA_TEST_CASES=40 PA_TEST_SEED=82103 timeout 120 build_sl/test_gpu > "$T/sl_auto.log" 2>&1 &
san memcheck build_sl 128 9,13,17 3 82104 sl_mc 150 PA_TEST_SM90_COPY=-1
san racecheck build_sl 128 9,17 2 82105 sl_rc 170 PA_TEST_SM90_COPY=-1
wait
test_summary
ok=1
for f in sl_sm90_128 sl_pages sl_auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/sl_mc.log" || ok=0
grep -q "RACECHECK SUMMARY: 0 hazards" "$T/sl_rc.log" || ok=0
echo "tests ok=$ok" | tee -a "$O/summary.txt"
if [ $ok = 1 ]; then
    for r in 1 2; do
        A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 9,10,11,12,13,14,15,17,33,100"
        build/pa-bench $A 2>&1 | pa_row lib > /dev/null
        build_sl/pa-bench $A 2>&1 | pa_row sl > /dev/null
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib sl"
    ncu_ab "build build_sl" --dims 128 --pages 9,12,15,100 --causal 1
fi
dev_end logs_s82a
