#!/bin/bash
# Prepared in session 18: the d128 gather on 176-key tiles (mkvariants_s19c.sh, build_WG). ~2 min.
# 1. build_WG forced sm90 with every paged call through the gather (d128: its non-causal calls take
#    the wide gather), 32- and 64-bit offsets; racecheck and memcheck of it;
# 2. ncu, build against build_WG: d128 non-causal contiguous and pages 1 / 3 / 4 (the gather) and
#    16 (PAIR: 128-key tiles in build_WG, so its row is against the wide baseline), alternated twice.
# The bar: pages 1-4 within 8% of build_WG's own (wide) contiguous launch; build's read +7.0..7.7%
# in 2.29 against its 128-key launch.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t3; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WG/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_CASES=80 PA_TEST_SEED=1921 timeout 150 build_WG/test_gpu > $T/t_wg.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1922 timeout 150 build_WG/test_gpu > $T/t_wg_wide.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=1923 timeout 150 build_WG/test_gpu > $T/t_wg_tma.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=1924 timeout 200 compute-sanitizer --tool racecheck build_WG/test_gpu > $T/rc_wg.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=1925 timeout 200 compute-sanitizer --tool memcheck build_WG/test_gpu > $T/mc_wg.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_wg.log; then
  for pass in 1 2; do
    for v in build build_WG; do
      timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1,3,4,16 --causal 0 --out $T/w_${v}_$pass > $T/w_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T w build build_WG | tee -a $O/summary.txt
  cat $T/w_build_WG_1.txt | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs_s19c.tgz" * )
echo "total $(el)"
