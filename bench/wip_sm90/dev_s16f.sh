#!/bin/bash
# Session 16, call 7: the committed build now rotates d256's TMA key walks (SM90_ROTATE_T256=1,
# call 6); build_ROTG rotates the d256 gather's too (SM90_ROTATE_G256=1). Racecheck of both
# rotated d256 paths, forced-gather tests, then ncu d256 non-causal pages 1 / 4 (and contiguous)
# alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256"
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=1631 timeout 55 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_T256.log 2>&1 &
env $G PA_TEST_CASES=3 PA_TEST_SEED=1632 timeout 55 compute-sanitizer --tool racecheck build_ROTG/test_gpu > $T/rc_ROTG.log 2>&1 &
env $G PA_TEST_CASES=60 PA_TEST_SEED=1633 timeout 55 build_ROTG/test_gpu > $T/t_ROTG.log 2>&1 &
env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=30 PA_TEST_SEED=1634 timeout 55 build_ROTG/test_gpu > $T/t_ROTG_wide.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_ROTG; do
    timeout 25 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256 --pages 1,4 --causal 0 --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_ROTG | tee -a $O/summary.txt
echo "total $(el)"
