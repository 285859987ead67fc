#!/bin/bash
# Prepared in session 82 for the next device call (RESULTS 3.5s's follow-up): which part of M112's
# probe binary's old path reads d128 causal pages 9..11 a point under the library, and M113 again.
# Builds (.carry/bins.tar.xz, made in session 82 from commit 'SM90_PW_SHFL_D128=2 / SM90_PLAN_PDL
# knobs'): build = the library (SASS 936dea7a); build_pw = -DSM90_PW_SHFL_D128=2 (the warp index
# shuffled in the d128 plain instances alone); build_pd = -DSM90_PLAN_PDL=1 (M113); build_pwpd = both;
# build_sp = m112_slack.patch with -DSM90_SLACK=1 -DSM90_SLACK_PROBE, run with PA_SM90_SLACK_OFF=1
# (the old path in the slack layout, with the shuffled warp index: 3.5s's 'sp off').
# 1. build_pw / build_pwpd tests: automatic (40), forced d128 pages 9..17 / 33 / 100 never copying
#    (60), memcheck and racecheck (d128 pages 9 / 13, 2 cases).
# 2. pa-bench paired rows, d128 B4 H16 8k causal, fragmented, pages 8..17 / 100, 3 rounds, the five
#    builds interleaved; then ncu (lib / pw / pwpd, pages 9 / 12 / 15 / 100, 2 passes).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t83a build_pwpd/pa-bench
for v in pw pwpd; do
    PA_TEST_CASES=40 PA_TEST_SEED=83101 timeout 120 build_$v/test_gpu > "$T/${v}_auto.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11,12,13,14,15,17,33,100 \
        PA_TEST_CASES=60 PA_TEST_SEED=83102 timeout 120 build_$v/test_gpu > "$T/${v}_pages.log" 2>&1 &
done
san memcheck build_pwpd 128 9,13 2 83103 pwpd_mc 150 PA_TEST_SM90_COPY=-1
san racecheck build_pw 128 9,13 2 83104 pw_rc 170 PA_TEST_SM90_COPY=-1
wait
test_summary
ok=1
for f in pw_auto pw_pages pwpd_auto pwpd_pages; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/pwpd_mc.log" || ok=0
grep -q "RACECHECK SUMMARY: 0 hazards" "$T/pw_rc.log" || ok=0
echo "tests ok=$ok" | tee -a "$O/summary.txt"
A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 8,9,10,11,12,13,14,15,16,17,100"
for r in 1 2 3; do
    build/pa-bench $A 2>&1 | pa_row lib > /dev/null
    build_pw/pa-bench $A 2>&1 | pa_row pw > /dev/null
    PA_SM90_SLACK_OFF=1 build_sp/pa-bench $A 2>&1 | pa_row spoff > /dev/null
    build_pd/pa-bench $A 2>&1 | pa_row pd > /dev/null
    build_pwpd/pa-bench $A 2>&1 | pa_row pwpd > /dev/null
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib pw spoff pd pwpd"
ncu_ab "build build_pw build_pwpd" --dims 128 --pages 9,12,15,100 --causal 1
dev_end logs_s83a
