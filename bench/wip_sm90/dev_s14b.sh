#!/bin/bash
# Session 14, second call: the gather's proxy fence moved from the consumers to the copying
# threads (build_PF1) against descriptors by offset with the fence in the consumers (build_PF0,
# the committed default at the time). Racecheck + tests of the gather forced at each head_dim, then
# ncu at locked clocks, gather pages 1, 4 and 12, alternated twice. Build: mkvariants_s14b.sh
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1411 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_PF1/test_gpu > $T/rc_PF1_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=80 PA_TEST_SEED=1412 PA_TEST_HEAD_DIM=$d timeout 200 build_PF1/test_gpu > $T/t_PF1_gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=4 PA_TEST_SEED=1413 PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool memcheck build_PF1/test_gpu > $T/mc_PF1_gather_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build_PF0 build_PF1; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,4,12 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build_PF0 build_PF1 | tee -a $O/summary.txt
echo "total $(el)"
