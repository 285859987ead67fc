#!/bin/bash
# Session 19: d64 with 3 consumer warpgroups (SM90_D64_WG3; build_WG3: the gather too, 56/152 with a
# 48-byte spill; build_WG3T: the gather keeps 2 warpgroups, no spills). bins from
# `. bench/wip_sm90/mkvariant_lib.sh; mk build_WG3 ...; mk build_WG3T ...; pack build_WG3 build_WG3T`.
# 1. tests at d64 (forced TMA and gather, random shapes incl. causal / windows / varlen), the
#    automatic choice, racecheck and memcheck of both variants;
# 2. ncu at locked clocks, build / build_WG3 / build_WG3T, d64 contiguous and pages 1 / 16, causal
#    both, alternated twice; 3. interleaved against cuDNN at d64 for build_WG3T and build.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t5; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WG3T/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64"
for v in build_WG3 build_WG3T; do
  env $S PA_TEST_CASES=150 PA_TEST_SEED=1941 timeout 150 $v/test_gpu > $T/t_${v}_tma.log 2>&1 &
  env $S PA_TEST_SM90_GATHER=1 PA_TEST_CASES=96 PA_TEST_SEED=1942 timeout 150 $v/test_gpu > $T/t_${v}_gather.log 2>&1 &
  env $S PA_TEST_SM90_GATHER=1 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1943 timeout 150 $v/test_gpu > $T/t_${v}_gwide.log 2>&1 &
  PA_TEST_CASES=150 PA_TEST_SEED=1944 timeout 150 $v/test_gpu > $T/t_${v}_auto.log 2>&1 &
  env $S PA_TEST_CASES=3 PA_TEST_SEED=1945 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_tma.log 2>&1 &
  env $S PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1946 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_gather.log 2>&1 &
  env $S PA_TEST_CASES=4 PA_TEST_SEED=1947 timeout 200 compute-sanitizer --tool memcheck $v/test_gpu > $T/mc_${v}_tma.log 2>&1 &
  env $S PA_TEST_SM90_GATHER=1 PA_TEST_CASES=4 PA_TEST_SEED=1948 timeout 200 compute-sanitizer --tool memcheck $v/test_gpu > $T/mc_${v}_gather.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_build_WG3T_tma.log; then
  for pass in 1 2; do
    for v in build build_WG3 build_WG3T; do
      timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 1,16 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T g build build_WG3 build_WG3T | tee -a $O/summary.txt
  for v in build_WG3T build; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 64 --out $T/i_$v > $T/i_$v.txt 2>&1
  done
  grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs_wg3.tgz" * )
echo "total $(el)"
