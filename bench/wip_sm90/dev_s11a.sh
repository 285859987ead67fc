#!/bin/bash
# Session 11: page runs as overlapping boxes (SM90_RUNS_OVERLAP=1, build) against the one-box-per-bit
# cut (build_B, = HEAD d376532). build: tests forced sm90 per head_dim (page runs appear among the
# random page sizes) and memcheck; pa_ncu.py paged rows at run pages of both builds (d64 43/51/63:
# build takes runs, build_B the gather).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_CASES=120 PA_TEST_SEED=301 timeout 170 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=302 timeout 170 build/test_gpu > $T/sm90_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=8 PA_TEST_SEED=305 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build_B build build_B build; do
  echo "== $v" | tee -a "$O/summary.txt"
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 43,51,63,77,100,127 --causal 0 --out $T/$v 2>&1 | tee -a "$O/summary.txt"
done
for v in build_B build; do
  echo "== $v causal" | tee -a "$O/summary.txt"
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 100 --causal 1 --out $T/${v}_c 2>&1 | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
