#!/bin/bash
# Session 21, call 2: M46 (two producer warpgroups for the d128 / d256 gather). Build with
# bench/wip_sm90/mkvariants_s21b.sh; carry .carry/bins.tar.xz. About 3 min.
# 1. build_P2 tests: gather forced at d128 / d256 (and with the last wave's pieces), automatic,
#    racecheck and memcheck at both dims; build_P2W with the wide gather forced at d128;
# 2. ncu A/B, d128 / d256 pages 1 / 3 / 4, causal both: build, build_P2, build_P2W, alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t21b; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_P2/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
env $G PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=2411 timeout 150 build_P2/test_gpu > $T/P2_g128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=2412 timeout 150 build_P2/test_gpu > $T/P2_g256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=2413 timeout 150 build_P2/test_gpu > $T/P2_g128t.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=2414 timeout 150 build_P2/test_gpu > $T/P2_g256t.log 2>&1 &
PA_TEST_CASES=80 PA_TEST_SEED=2415 timeout 150 build_P2/test_gpu > $T/P2_auto.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=60 PA_TEST_SEED=2416 timeout 150 build_P2W/test_gpu > $T/P2W_gw.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2417 timeout 200 compute-sanitizer --tool racecheck build_P2/test_gpu > $T/P2_rc128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=2418 timeout 200 compute-sanitizer --tool racecheck build_P2/test_gpu > $T/P2_rc256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=2419 timeout 200 compute-sanitizer --tool memcheck build_P2/test_gpu > $T/P2_mc256.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout|rror" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_P2 build_P2W; do
    timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256 --pages 1,3,4 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h build build_P2 build_P2W | tee -a $O/summary.txt
for v in build build_P2 build_P2W; do echo "== $v"; grep -E "^ +(128|256)" $T/h_${v}_1.txt; done | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s21b.tgz" *.txt *.log 2>/dev/null )
echo "total $(el)"
