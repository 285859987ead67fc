#!/bin/bash
# Prepared in session 20 (device budget spent): build with bench/wip_sm90/mkvariants_s21.sh; carry
# .carry/bins.tar.xz. About 3 min.
# 1. build_M1 tests (gather forced at d128, 64-bit offsets, automatic), racecheck, memcheck;
#    build_WG / build_WM1 tests with the gather forced at d128 (the wide gather runs for d128
#    non-causal paged calls only);
# 2. ncu A/B, d128 contiguous and pages 1 / 3 / 4, causal both: build, build_M1, build_WG,
#    build_WM1, alternated twice (the bar: pages 1-4 within 8% of build's contiguous launch, which
#    is the 176-key one for non-causal);
# 3. PC-sampling profile of build_WG's page-1 gather and its contiguous launch (d128 non-causal,
#    sq 2048 sk 8192): per tile instructions and stalls (ncu_regions.py, ncu_stalls.py; pa-bench
#    runs d128 with 16 heads: 4 x 16 x 12 CTAs of 176 keys... check the grid in _details.txt).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t21; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_M1/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_CASES=80 PA_TEST_SEED=2401 timeout 150 build_M1/test_gpu > $T/M1_g.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=32 PA_TEST_SEED=2402 timeout 150 build_M1/test_gpu > $T/M1_gwide.log 2>&1 &
PA_TEST_CASES=80 PA_TEST_SEED=2403 timeout 150 build_M1/test_gpu > $T/M1_auto.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=2404 timeout 200 compute-sanitizer --tool racecheck build_M1/test_gpu > $T/M1_rc.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=2405 timeout 200 compute-sanitizer --tool memcheck build_M1/test_gpu > $T/M1_mc.log 2>&1 &
env $G PA_TEST_CASES=60 PA_TEST_SEED=2406 timeout 150 build_WG/test_gpu > $T/WG_g.log 2>&1 &
env $G PA_TEST_CASES=60 PA_TEST_SEED=2407 timeout 150 build_WM1/test_gpu > $T/WM1_g.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_M1 build_WG build_WM1; do
    timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1,3,4 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h build build_M1 build_WG build_WM1 | tee -a $O/summary.txt
for v in build build_M1 build_WG build_WM1; do echo "== $v"; grep -E "^ +128" $T/h_${v}_1.txt; done | tee -a $O/summary.txt
. bench/wip_sm90/prof_lib.sh
TOP=30 prof wg_d128_p1_c0 build_WG 128 0 1
grep -E "sm90_prefill|Duration" $T/wg_d128_p1_c0_details.txt | head | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s21.tgz" *.txt *.log *.err 2>/dev/null )
echo "total $(el)"
