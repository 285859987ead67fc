#!/bin/bash
# Session 14, third call: the gather's mask-word modes re-drawn after M30 (build_MA/MB/MC, see
# mkvariants_s14c.sh; MB also T64 mode 2) against the committed build: racecheck of every changed
# instance, then ncu at locked clocks, gather page 1 at three head dims, and d64 pages 8/16 for
# build vs build_MB, alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for v in MA MB MC; do for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1421 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
done; done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1422 PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck build_MB/test_gpu > $T/rc_MB_sm90_d64.log 2>&1 &
wait
for v in MA MB MC; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1423 timeout 200 build_$v/test_gpu > $T/t_${v}_gather.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=60 PA_TEST_SEED=1424 timeout 200 build_MB/test_gpu > $T/t_MB_sm90_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_MA build_MB build_MC; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
  for v in build build_MB; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 8,16 --causal both --out $T/t_${v}_$pass > $T/t_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
{ python3 bench/wip_sm90/ab_table.py $T g build build_MA build_MB build_MC
  python3 bench/wip_sm90/ab_table.py $T t build build_MB; } | tee -a $O/summary.txt
echo "total $(el)"
