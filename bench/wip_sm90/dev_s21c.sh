#!/bin/bash
# Session 21, call 3: the gather's per-lane full-barrier arrivals (build_WA) and its offset
# shuffles (build_LO: through shared memory), both (build_WALO); d128 / d256. Build with
# bench/wip_sm90/mkvariants_s21c.sh; carry .carry/bins.tar.xz. About 3 min.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t21c; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WALO/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
i=0
for v in build_LO build_WA build_WALO; do
  for d in 128 256; do
    i=$((i+1)); env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2420+i)) timeout 150 $v/test_gpu > $T/${v}_g$d.log 2>&1 &
  done
done
env $G PA_TEST_HEAD_DIM=128 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=2431 timeout 150 build_WALO/test_gpu > $T/WALO_g128w.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=2432 timeout 150 build_WALO/test_gpu > $T/WALO_g256w.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=2433 timeout 150 build_WALO/test_gpu > $T/WALO_g128t.log 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=2434 timeout 150 build_WALO/test_gpu > $T/WALO_auto.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2435 timeout 200 compute-sanitizer --tool racecheck build_WALO/test_gpu > $T/WALO_rc128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=2436 timeout 200 compute-sanitizer --tool racecheck build_WALO/test_gpu > $T/WALO_rc256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=3 PA_TEST_SEED=2437 timeout 200 compute-sanitizer --tool memcheck build_WALO/test_gpu > $T/WALO_mc128w.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout|rror" $f | grep -v "ERROR SUMMARY: 0"; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_WA build_LO build_WALO; do
    timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256 --pages 1,3,4 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h build build_WA build_LO build_WALO | tee -a $O/summary.txt
for v in build build_WA build_LO build_WALO; do echo "== $v"; grep -E "^ +(128|256)" $T/h_${v}_1.txt; done > $T/rows.txt
( cd $T && tar czf "$O/logs_s21c.tgz" *.txt *.log 2>/dev/null )
echo "total $(el)"
