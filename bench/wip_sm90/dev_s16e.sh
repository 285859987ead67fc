#!/bin/bash
# Session 16, call 6: rotated key walks in the TMA kernels (build_ROT, SM90_ROTATE_T<D>=1), after
# 3.1t's finding that the contiguous non-causal CTAs of a head wait on K's full barrier together.
# Tests of the changed instances (forced TMA at each head_dim, automatic choice, memcheck), then
# ncu at locked clocks (contiguous and pages 8 / 16, causal both) and bench/interleaved.py
# against cuDNN, both builds alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1621 PA_TEST_HEAD_DIM=$d timeout 120 build_ROT/test_gpu > $T/t_ROT_d$d.log 2>&1 &
done
PA_TEST_CASES=60 PA_TEST_SEED=1622 timeout 120 build_ROT/test_gpu > $T/t_ROT_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1623 PA_TEST_HEAD_DIM=128 timeout 120 compute-sanitizer --tool memcheck build_ROT/test_gpu > $T/mc_ROT_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_ROT; do
    timeout 120 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 8,16 --causal both --out $T/p_${v}_$pass > $T/p_${v}_$pass.txt 2>&1
  done
  for v in build build_ROT; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,64,256 --out $T/i_${v}_$pass > $T/i_${v}_$pass.txt 2>&1
  done
  echo "pass $pass $(el)" | tee -a $O/summary.txt
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T p build build_ROT | tee -a $O/summary.txt
grep -H "cuDNN speed" $T/i_*.txt | sed 's/max|err.*//' | tee -a $O/summary.txt
echo "total $(el)"
