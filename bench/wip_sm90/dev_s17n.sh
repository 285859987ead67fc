#!/bin/bash
# Session 17: SM90_N176 (176-key tiles, d128 contiguous non-causal) checked and measured.
# Tests: test_gpu forced sm90 at d128 through build_N176 (its contiguous non-causal cases take the
# W instances), the automatic choice, racecheck and memcheck of a few cases; then ncu at locked
# clocks (contiguous d128 non-causal, and causal as a control: not W) alternated twice, and
# bench/interleaved.py against cuDNN for both builds (it also checks our output against SDPA).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=120 PA_TEST_SEED=1801 timeout 100 build_N176/test_gpu > $T/t_n176_d128.log 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=1802 timeout 100 build_N176/test_gpu > $T/t_n176_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=1803 timeout 100 compute-sanitizer --tool racecheck build_N176/test_gpu > $T/rc_n176.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=1804 timeout 100 compute-sanitizer --tool memcheck build_N176/test_gpu > $T/mc_n176.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_n176_d128.log; then
  for pass in 1 2; do
    for v in build build_N176; do
      timeout 40 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 16 --causal both --out $T/n_${v}_$pass > $T/n_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T n build build_N176 | tee -a $O/summary.txt
  for v in build_N176 build; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 60 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128 --out $T/i_$v > $T/i_$v.txt 2>&1
  done
  grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
