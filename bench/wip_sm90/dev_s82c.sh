#!/bin/bash
# Session 82, call c (replaces b, which never got a machine):
# 1. M113 (bench/wip_sm90/m113_plan_pdl.patch, -DSM90_PLAN_PDL=1 in build_pd): the attention
#    launched by programmatic dependent launch after the run table's kernel. Its tests: automatic
#    (40 cases), forced sm90 d128 / d64 on pages 8 / 9 / 12 / 16 / 100 (40 each), memcheck (d128
#    pages 9 / 16, 2 cases).
# 2. M112's same-binary probe (build_sp, PA_SM90_SLACK_OFF 0 / 1): paired rows and ncu, as dev_s82b.sh.
# 3. If 1 passed: pa-bench paired rows lib / pd, d128 and d64 causal pages 9 / 16 / 100 and d128
#    non-causal 100, 3 rounds (pa-bench times the whole call, the table's kernel included).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t82c build_pd/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=82301 timeout 120 build_pd/test_gpu > "$T/pd_auto.log" 2>&1 &
for d in 64 128; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,9,12,16,100 PA_TEST_CASES=40 PA_TEST_SEED=$((82310 + d)) \
        timeout 120 build_pd/test_gpu > "$T/pd_sm90_$d.log" 2>&1 &
done
san memcheck build_pd 128 9,16 2 82302 pd_mc 150
wait
test_summary
ok=1
for f in pd_auto pd_sm90_64 pd_sm90_128; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/pd_mc.log" || ok=0
echo "tests ok=$ok" | tee -a "$O/summary.txt"
A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 9,10,11,12,13,14,15,17,100"
for r in 1 2; do
    PA_SM90_SLACK_OFF=0 build_sp/pa-bench $A 2>&1 | pa_row on > /dev/null
    PA_SM90_SLACK_OFF=1 build_sp/pa-bench $A 2>&1 | pa_row off > /dev/null
done
paired_table "on off"
mode_ab PA_SM90_SLACK_OFF build_sp "on=0 off=1" --dims 128 --pages 9,12,15,100 --causal 1
if [ $ok = 1 ]; then
    for r in 1 2 3; do
        for C in "--dims 128,64 --causal 1 --pages 9,16,100" "--dims 128 --causal 0 --pages 100"; do
            A="--prefill-only --table frag --no-check --iters 10 $C"
            build/pa-bench $A 2>&1 | pa_row lib > /dev/null
            build_pd/pa-bench $A 2>&1 | pa_row pd > /dev/null
        done
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib pd"
    grep -E "^(lib|pd) r" "$O/summary.txt" | awk '{print $1, $2, $4, $10, $11, $13}' > "$T/abs.txt"
fi
dev_end logs_s82c
