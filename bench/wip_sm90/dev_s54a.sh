#!/bin/bash
# Session 54: dev_s50b.sh trimmed for a short budget (no trace, no racecheck): the same tests of
# the default build and of the two variants, then ncu A/B passes (v_r2w at d128 / d256 pages 44 /
# 100, v_p1w at d64 pages 8 / 16, causal both) while a pass still fits before DEADLINE seconds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t54a build/pa-bench
R="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200"
for d in 128 256; do
    env $R PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5000 + d)) timeout 100 v_r2w/test_gpu > "$T/r2w_runs$d.log" 2>&1 &
done
env $R PA_TEST_HEAD_DIM=256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=30 PA_TEST_SEED=5300 timeout 100 v_r2w/test_gpu > "$T/r2w_tail.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,24,40,48,8 PA_TEST_CASES=40 PA_TEST_SEED=5400 timeout 100 v_p1w/test_gpu > "$T/p1w_64.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=52001 timeout 90 build/test_gpu > "$T/s52_auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=30 PA_TEST_SEED=52002 timeout 90 \
    build/test_gpu > "$T/s52_ov.log" 2>&1 &
wait
test_summary
np=0
for pass in 1 2 3; do
    s=$(date +%s)
    left=$(( ${DEADLINE:-440} - s + t0 ))
    [ "$pass" -gt 1 ] && [ "$left" -lt "$per" ] && break
    ab_s50_pass $pass
    per=$(( $(date +%s) - s + 5 ))
    np=$pass
    echo "ncu pass $pass $(el) (${per}s)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" r build v_r2w --passes $np | tee -a "$O/summary.txt"
python3 bench/wip_sm90/ab_table.py "$T" p build v_p1w --passes $np | tee -a "$O/summary.txt"
for f in r_build_1 r_v_r2w_1 p_build_1 p_v_p1w_1; do echo "$f:"; grep -h "^ *[0-9]" "$T/$f.txt"; done | tee -a "$O/summary.txt"
dev_end logs_s54a
