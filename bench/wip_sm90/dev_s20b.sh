#!/bin/bash
# Session 20, call 2: per-panel TMA boxes of 4 rows (SM90_BOX_MIN=4, build_B4) for the page sizes
# whose largest power-of-two cut is 4 (4, 12, 20, 28, 36: 32 boxes a 128-key tile, 16 a 64-key
# d256 tile) instead of the cp.async gather. Build first: mk build_B4 -DSM90_BOX_MIN=4, pack build_B4.
# 1. build_B4 tests at pages 4 / 12 (automatic and forced sm90, every head_dim), the default page
#    list, racecheck and memcheck at page 4; 2. ncu, build against build_B4, pages 4 / 12 / 16,
#    d64 / d128 / d256, causal both, alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t7; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_B4/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PA_TEST_PAGES=4,12 PA_TEST_CASES=120 PA_TEST_SEED=2101 timeout 150 build_B4/test_gpu > $T/t_p4auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=4,12,20,28 PA_TEST_CASES=120 PA_TEST_SEED=2102 timeout 150 build_B4/test_gpu > $T/t_p4sm90.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=120 PA_TEST_SEED=2103 timeout 150 build_B4/test_gpu > $T/t_sm90.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=4 PA_TEST_CASES=4 PA_TEST_SEED=2104 timeout 200 compute-sanitizer --tool racecheck build_B4/test_gpu > $T/rc_p4.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=4 PA_TEST_CASES=4 PA_TEST_SEED=2105 timeout 200 compute-sanitizer --tool memcheck build_B4/test_gpu > $T/mc_p4.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_p4sm90.log; then
  for pass in 1 2; do
    for v in build build_B4; do
      timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64,128,256 --pages 4,12,16 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T h build build_B4 | tee -a $O/summary.txt
  cat $T/h_build_B4_1.txt | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs_s20b.tgz" * )
echo "total $(el)"
