#!/bin/bash
# Session 12: (1) sanitizers on the committed d256 kernels with M28: racecheck and memcheck forced
# sm90 d256, racecheck forced gather d256; (2) SM90_QREG_D256=4 (build_Q4: Q's first 4 k16-steps in
# registers at d256, now that the P V wait sits below the exponentials) against the committed
# build, ncu alternated twice at d256 (contiguous, causal) and pa_ncu d256 pages 1/16/100.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=1221 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_sm90_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=1222 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_gather_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=6 PA_TEST_SEED=1223 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_sm90_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=100 PA_TEST_SEED=1224 timeout 170 build_Q4/test_gpu > $T/Q4_sm90_d256.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
for v in build build_Q4 build build_Q4; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 256:8192:8192 256:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$T/ab.txt"
done
for v in build build_Q4; do
  echo "== $v" >> $T/pa.txt
  timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256 --pages 1,16,100 --causal both --out /tmp/pa_$v >> $T/pa.txt 2>&1
done
( cd $T && tar czf "$O/logs.tgz" * )
grep -v "^#" $T/pa.txt
echo "ncu ms: d256 d256c"; cat $T/ab.txt
echo "total $(el)"
