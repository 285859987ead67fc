#!/bin/bash
# Prepared in session 19 (its device budget was spent). Build first: bash bench/wip_sm90/mkvariants_s20.sh;
# carry .carry/bins.tar.xz. About 3 min.
# 1. build_WG3G32 (the d64 gather on 3 warpgroups, producer 32 registers): tests with the gather
#    forced at d64 (32- and 64-bit offsets), the automatic choice, racecheck and memcheck;
# 2. ncu, build against build_WG3G32, d64 contiguous and pages 1 / 3 / 4 / 16, causal both,
#    alternated twice. The bar: pages 1-4 within 8% of the (3-warpgroup) contiguous launch; build
#    reads +14% non-causal there (2.30, pa-bench);
# 3. the d64 rows of a01fba2's paged table at ncu's clocks that 2.30's call lost (build, all pages).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t6; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WG3G32/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64"
env $G PA_TEST_CASES=96 PA_TEST_SEED=2001 timeout 150 build_WG3G32/test_gpu > $T/t_g.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=2002 timeout 150 build_WG3G32/test_gpu > $T/t_gwide.log 2>&1 &
PA_TEST_CASES=150 PA_TEST_SEED=2003 timeout 150 build_WG3G32/test_gpu > $T/t_auto.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=2004 timeout 200 compute-sanitizer --tool racecheck build_WG3G32/test_gpu > $T/rc_g.log 2>&1 &
env $G PA_TEST_CASES=4 PA_TEST_SEED=2005 timeout 200 compute-sanitizer --tool memcheck build_WG3G32/test_gpu > $T/mc_g.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_g.log; then
  for pass in 1 2; do
    for v in build build_WG3G32; do
      timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 1,3,4,16 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T h build build_WG3G32 | tee -a $O/summary.txt
  cat $T/h_build_WG3G32_1.txt | tee -a $O/summary.txt
fi
timeout 120 python3 bench/pa_ncu.py --pa build/pa-bench --dims 64 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --causal both --out $T/full > $T/full.txt 2>&1
cat $T/full.txt | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s20.tgz" * )
echo "total $(el)"
