#!/bin/bash
# Session 22, call 6 (carry .carry/bins.tar.xz from mkvariants_s22e.sh): tests of build_WNP /
# build_WNPA at d128 (forced sm90, its pieces, automatic), then ncu A/B build / WNP / WNPA at d128
# non-causal, contiguous and page 8 (the 176-key kernels), alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t22e; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WNPA/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
i=0
for v in build_WNP build_WNPA; do
  i=$((i+1))
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=$((2900+i)) timeout 100 $v/test_gpu > $T/${v}_sm90.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=$((2910+i)) timeout 100 $v/test_gpu > $T/${v}_tail.log 2>&1 &
  PA_TEST_CASES=40 PA_TEST_SEED=$((2920+i)) timeout 100 $v/test_gpu > $T/${v}_auto.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=2 PA_TEST_SEED=2930 timeout 120 compute-sanitizer --tool racecheck build_WNPA/test_gpu > $T/WNPA_rc.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
B="build build_WNP build_WNPA"
for pass in 1 2; do
  for v in $B; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 8 --causal 0 --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h $B | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s22e.tgz" *.txt *.log 2>/dev/null )
echo "total $(el)"
