#!/bin/bash
# Session 50, call 1 (its first form, trace and racecheck alone, was lost with its machine): (1) per-CTA timelines (SM90_TRACE
# build, trace.py) of the rows over 3% against contiguous: d64 causal pages 8 / 16 and non-causal
# page 8, d128 / d256 causal page 100 (RUNS) and d128 page 96 (PAIR); (2) two variants, tested then
# timed under ncu against the library (boxes only: --kv-copy-limit 0), three passes:
#   v_r2w  SM90_RUNS_2W=3: page runs loaded by producer warps 0 (K) and 2 (V) alone, every panel (session 54: rejected, M84; the knob is bench/wip_sm90/runs_2w_m84.patch now)
#          each (M53 / M54's move for the run pages); d128 / d256 pages 44 / 100, causal both
#   v_p1w  SM90_PAIR_ONE_WARP_MAX_D64=16: d64 PAIR tiles of up to 16 boxes from one warp a tensor;
#          d64 pages 8 / 16, causal both
# (3) the 13th racecheck run of tests/sanitize.sh (copy beside, forced) with the time left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t50b build/pa-bench
trace_rows || echo "trace: no trace lines (trace_1.txt)" | tee -a "$O/summary.txt"
R="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200"
for d in 128 256; do
    env $R PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5000 + d)) timeout 120 v_r2w/test_gpu > "$T/r2w_runs$d.log" 2>&1 &
done
env $R PA_TEST_HEAD_DIM=256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=30 PA_TEST_SEED=5300 timeout 120 v_r2w/test_gpu > "$T/r2w_tail.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=5301 timeout 150 \
    compute-sanitizer --tool racecheck --error-exitcode 99 v_r2w/test_gpu > "$T/r2w_rc.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,24,40,48,8 PA_TEST_CASES=40 PA_TEST_SEED=5400 timeout 120 v_p1w/test_gpu > "$T/p1w_64.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16 PA_TEST_CASES=3 PA_TEST_SEED=5401 timeout 150 \
    compute-sanitizer --tool racecheck --error-exitcode 99 v_p1w/test_gpu > "$T/p1w_rc.log" 2>&1 &
# the default library as committed in session 52 (host checks, the copy beside's skipped items):
# the whole suite's random cases, and the copy beside forced (varlen cases include sequences
# without query rows)
PA_TEST_CASES=30 PA_TEST_SEED=52001 timeout 90 build/test_gpu > "$T/s52_auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_CASES=30 PA_TEST_SEED=52002 timeout 90 \
    build/test_gpu > "$T/s52_ov.log" 2>&1 &
wait
test_summary
for pass in 1 2 3; do
    ab_s50_pass $pass
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" r build v_r2w --passes 3 | tee -a "$O/summary.txt"
python3 bench/wip_sm90/ab_table.py "$T" p build v_p1w --passes 3 | tee -a "$O/summary.txt"
for f in r_build_1 r_v_r2w_1 p_build_1 p_v_p1w_1; do echo "$f:"; grep -h "^ *[0-9]" "$T/$f.txt"; done | tee -a "$O/summary.txt"
rc_beside ${DEADLINE:-560}
dev_end logs_s50b
