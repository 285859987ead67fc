#!/bin/bash
# Session 11: build = F (Q loads batched, O through shared memory as 16-byte stores, a warpgroup
# barrier before the epilogue's shared stores; = build_E of dev_s11c.sh + the barrier; the entry
# hoists of s11c dropped) against build_old = HEAD d376532: tests of F, ncu at locked clocks,
# pa_ncu paged rows of both, power.py (F and cuDNN, sustained).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_CASES=120 PA_TEST_SEED=331 timeout 170 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=332 timeout 170 build/test_gpu > $T/sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=333 timeout 170 build/test_gpu > $T/gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=6 PA_TEST_SEED=335 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=4 PA_TEST_SEED=336 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=337 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_g64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build_old build build_old build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:2048 128:8192:8192 128:8192:16384 \
    64:8192:8192 256:8192:8192 128:8192:8192:1 64:8192:8192:1 256:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$O/summary.txt"
done
echo "ncu (d128 2k 8k 16k, d64, d256, causal d128 d64 d256; ms) $(el)" | tee -a "$O/summary.txt"
for v in build_old build; do
  echo "== $v" | tee -a "$O/summary.txt"
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,3,4,8,16,48,100,672 --causal both --out $T/pa_$v 2>&1 | tee -a "$O/summary.txt"
done
PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 100 python3 bench/power.py --tag F --out $T --dims 128,64,256 --seconds 2 --idle 0.7 2>&1 \
    | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
