#!/bin/bash
# Session 14, last A/B: the d128 and d256 gather at 56/224 registers (build_R3) and at 56/224 with
# Q's first 2 k16-steps in registers (build_R1; 4 steps spill at d128), against the committed
# 64/216 without Q registers, after M30 changed their SASS. Racecheck + tests forced gather, then
# ncu at locked clocks, pages 1 and 4, alternated twice. Build: mkvariants_s14i.sh
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for v in R1 R3; do for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1441 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1442 PA_TEST_HEAD_DIM=$d timeout 200 build_$v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
done; done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_R1 build_R3; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256 --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_R1 build_R3 | tee -a $O/summary.txt
echo "total $(el)"
