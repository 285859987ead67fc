#!/bin/bash
# Session 12: the P V wait below the exponentials (SM90_PA_LIVE=6, build_P6: a never-taken branch on
# the row sums ends the exponentials' basic block; ptxas had hoisted the wait above them because the
# P packing interleaved with the MUFUs writes the registers the in-flight P V reads).
# Tests of build_P6 forced sm90 at 3 head dims, ncu A/B alternated, pa_ncu both builds, trace of build_T6.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=1201 timeout 170 build_P6/test_gpu > $T/P6_sm90_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1202 timeout 170 build_P6/test_gpu > $T/P6_gather_d64.log 2>&1 &
wait
for f in $T/P6_*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
for v in build build_P6 build build_P6; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 256:8192:8192 128:8192:8192:1 64:8192:8192:1 256:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$T/ab.txt"
done
echo "ncu A/B $(el)" | tee -a "$O/summary.txt"
for v in build build_P6; do
  echo "== $v" >> $T/pa.txt
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,16,100 --causal 0 --out /tmp/pa_$v >> $T/pa.txt 2>&1
done
echo "pa_ncu $(el)" | tee -a "$O/summary.txt"
PAGEDATTN_LIBRARY=$PWD/build_T6/libpagedattn.so timeout 100 python3 bench/wip_sm90/trace.py \
  64:8192:8192 128:8192:8192 256:8192:8192 2>&1 | grep -v Warn > $T/trace6.txt
echo "trace $(el)" | tee -a "$O/summary.txt"
( cd $T && tar czf "$O/logs.tgz" * )
grep -v "^#" $T/pa.txt
grep -E "^==|steady tile|softmax|issue S|K/V full|tile period|S\(j\) wait|P V\(j-1\)|rescale" $T/trace6.txt
echo "ncu ms: d128 d64 d256 d128c d64c d256c"; cat $T/ab.txt
echo "total $(el)"
