#!/bin/bash
# Session 50, call 1 (its first form, trace and racecheck alone, was lost with its machine): (1) per-CTA timelines (SM90_TRACE
# build, trace.py) of the rows over 3% against contiguous: d64 causal pages 8 / 16 and non-causal
# page 8, d128 / d256 causal page 100 (RUNS) and d128 page 96 (PAIR); (2) two variants, tested then
# timed under ncu against the library (boxes only: --kv-copy-limit 0), three passes:
#   v_r2w  SM90_RUNS_2W=3: page runs loaded by producer warps 0 (K) and 2 (V) alone, every panel
#          each (M53 / M54's move for the run pages); d128 / d256 pages 44 / 100, causal both
#   v_p1w  SM90_PAIR_ONE_WARP_MAX_D64=16: d64 PAIR tiles of up to 16 boxes from one warp a tensor;
#          d64 pages 8 / 16, causal both
# (3) the 13th racecheck run of tests/sanitize.sh (copy beside, forced) with the time left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t50b build/pa-bench
tar xJf .carry/trace.tar.xz || exit 1
PA_TRACE_NO_COPY=1 PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so timeout 100 python3 bench/wip_sm90/trace.py \
    64:8192:8192:1 64:8192:8192:1:8 64:8192:8192:1:16 64:8192:8192:0 64:8192:8192:0:8 \
    128:8192:8192:1 128:8192:8192:1:100 128:8192:8192:1:96 256:8192:8192:1 256:8192:8192:1:100 \
    2>&1 | grep -v "NumPy\|_conversion" > "$O/trace_1.txt"
echo "trace $(el)" | tee -a "$O/summary.txt"
grep -E "^==|per CTA fit|fixed per CTA|steady tile|K tile 0 TMA|wg0 S\(0\) done|K/V full|tile period|CTA end" "$O/trace_1.txt" >> "$O/summary.txt"
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
    for v in build v_r2w; do
        timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 128,256 --pages 44,100 --causal both \
            --pa-extra="--kv-copy-limit 0" --out "$T/r_${v}_$pass" > "$T/r_${v}_$pass.txt" 2>&1
    done
    for v in build v_p1w; do
        timeout 100 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 64 --pages 8,16 --causal both \
            --pa-extra="--kv-copy-limit 0" --out "$T/p_${v}_$pass" > "$T/p_${v}_$pass.txt" 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" r build v_r2w --passes 3 | tee -a "$O/summary.txt"
python3 bench/wip_sm90/ab_table.py "$T" p build v_p1w --passes 3 | tee -a "$O/summary.txt"
for f in r_build_1 r_v_r2w_1 p_build_1 p_v_p1w_1; do echo "$f:"; grep -h "^ *[0-9]" "$T/$f.txt"; done | tee -a "$O/summary.txt"
left=$(( ${DEADLINE:-560} - $(date +%s) + t0 ))
if [ "$left" -gt 90 ]; then
  s=$(date +%s)
  env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_PAGES=1,8,100 \
      timeout $((left - 15)) compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/rc_beside.log" 2>&1
  rc_line rc_beside $? $(( $(date +%s) - s )) test_gpu
fi
dev_end logs_s50b
