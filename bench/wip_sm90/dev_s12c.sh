#!/bin/bash
# Session 12: SM90_WAIT_EARLY=1 (build_WE: each consumer's K/V full waits before its ping-pong turn
# instead of after) against the committed build (d256 with the late P V wait, M28). Tests of build_WE,
# ncu A/B alternated twice (6 contiguous shapes), pa_ncu of both builds at pages 1/16/100.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=1211 timeout 170 build_WE/test_gpu > $T/WE_sm90_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1212 timeout 170 build_WE/test_gpu > $T/WE_gather_d128.log 2>&1 &
wait
for f in $T/WE_*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
for v in build build_WE build build_WE; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 256:8192:8192 128:8192:8192:1 64:8192:8192:1 256:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$T/ab.txt"
done
echo "ncu A/B $(el)" | tee -a "$O/summary.txt"
for v in build build_WE; do
  echo "== $v" >> $T/pa.txt
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,16,100 --causal 0 --out /tmp/pa_$v >> $T/pa.txt 2>&1
done
echo "pa_ncu $(el)" | tee -a "$O/summary.txt"
( cd $T && tar czf "$O/logs.tgz" * )
grep -v "^#" $T/pa.txt
echo "ncu ms: d128 d64 d256 d128c d64c d256c"; cat $T/ab.txt
echo "total $(el)"
