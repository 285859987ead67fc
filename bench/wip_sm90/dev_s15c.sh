#!/bin/bash
# Session 15, call 3: the gather's next-tile lookups after this tile's copies (build_LL,
# SM90_GATHER_LATE_LOOKUP_D128/D256 = 1: their latency under the copies' cp.async.wait_all instead
# of ahead of the empty wait), the same with d256's lookups branch-free (build_LB), and the d256
# gather with 4 Q k-steps in registers (build_Q4), against the committed build/: racecheck and
# forced-gather tests of each changed instance, then ncu at locked clocks alternated twice (pages
# 1 and 4 at d256 / d128, causal both). Then per-CTA traces of d128 page 100 and d64 page 8.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
tar xJf .carry/trace.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for v in LL LB Q4; do
  for d in 128 256; do
    [ $v = Q4 ] && [ $d = 128 ] && continue
    env $G PA_TEST_CASES=3 PA_TEST_SEED=1511 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
    env $G PA_TEST_CASES=80 PA_TEST_SEED=1512 PA_TEST_HEAD_DIM=$d timeout 200 build_$v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
  done
  env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1513 PA_TEST_HEAD_DIM=256 timeout 200 build_$v/test_gpu > $T/t_${v}_gather_wide_d256.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_LL build_LB build_Q4; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256,128 --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
PYTHONPATH=$PWD/python PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so timeout 120 python3 bench/wip_sm90/trace.py \
  128:8192:8192:0 128:8192:8192:0:100 64:8192:8192:0 64:8192:8192:0:8 2>&1 | grep -v "NumPy\|_conversion" > $T/trace.txt
echo "trace $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_LL build_LB build_Q4 | tee -a $O/summary.txt
grep -E "^==|fit|per CTA:|K/V full|tile period" $T/trace.txt
echo "total $(el)"
