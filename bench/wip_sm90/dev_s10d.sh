#!/bin/bash
# Session 10, fourth call (H200): SM90_DESC_ADD=1 (build_DA, desc_add.patch on commit 9b9b984)
# against the default build: tests of build_DA, ncu kernel time and instructions at locked clocks,
# power.py (sustained, energy per call), pa-bench at pages 1, 16, 100.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
for d in 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=231 timeout 170 build_DA/test_gpu > $T/DA_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=232 timeout 170 build_DA/test_gpu > $T/DA_gather_d$d.log 2>&1 &
done
PA_TEST_CASES=100 PA_TEST_SEED=233 timeout 170 build_DA/test_gpu > $T/DA_auto.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build build_DA; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum,sm__inst_executed.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 128:8192:8192:1 64:8192:8192 256:8192:8192 128:8192:2048 > $T/ncu_$v.txt 2>&1
  awk '/^  [a-zA-Z_].*\(/{n=$1; if (n ~ /void/) n=$2} /gpu__time_duration.sum/{t=$NF" "$(NF-1)} /sm__inst_executed.sum/{printf "%s %s %s inst\n", substr(n,1,40), t, $NF}' $T/ncu_$v.txt | sed "s/^/$v /" | tee -a "$O/summary.txt"
done
echo "ncu $(el)" | tee -a "$O/summary.txt"
for v in build build_DA; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 100 python3 bench/power.py --tag $v --out $T --dims 128,64 --seconds 2 --idle 0.7 --sides ours,cudnn,ours 2>&1 \
    | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"
done
echo "power $(el)" | tee -a "$O/summary.txt"
for v in build build_DA; do
  timeout 100 $v/pa-bench --prefill-only --dims 128,64 --causal 0 --pages 1,16,100 --table frag --iters 10 > "$T/pa_${v}.log" 2>&1
  echo "$v: $(awk 'NR>1 && $10=="-"{printf "| d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %.3fms %s; ", $10, $11, $14}' "$T/pa_${v}.log")" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
