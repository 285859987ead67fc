#!/bin/bash
# Session 10, second call (H200): lazy rescaling at d256 only (build; d64/d128 SASS identical to
# build_base), checked and timed against build_base; then ncu's kernel durations at locked clocks
# for ours and cuDNN over key counts 2k..16k (the intercept is the per-CTA fixed cost).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
PA_TEST_CASES=150 PA_TEST_SEED=211 timeout 170 build/test_gpu > $T/auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=200 PA_TEST_SEED=212 timeout 170 build/test_gpu > $T/sm90_d256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 PA_TEST_CASES=100 PA_TEST_SEED=213 timeout 170 build/test_gpu > $T/gather_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=6 PA_TEST_SEED=214 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_d256.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build_base build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 150 ncu --metrics gpu__time_duration.sum,sm__inst_executed.sum \
    -k "regex:sm90_prefill|sdpa" python3 bench/wip_sm90/ncu_sweep.py 128:8192:2048 128:8192:4096 128:8192:8192 128:8192:16384 \
    256:8192:8192 64:8192:8192 128:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "ncu $v rc=$? $(el)"
  awk '/^  [a-zA-Z_].*\(/{n=$1; if (n ~ /void/) n=$2} /gpu__time_duration.sum/{t=$NF" "$(NF-1)} /sm__inst_executed.sum/{printf "%s %s %s inst\n", substr(n,1,40), t, $NF}' $T/ncu_$v.txt | sed "s/^/$v /" | tee -a "$O/summary.txt"
  grep "max|err|" $T/ncu_$v.txt | tr '\n' ' '; echo
done
for v in build_base build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 100 python3 bench/power.py --tag $v --out $T --dims 256 2>&1 \
    | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"
done
echo "power $(el)" | tee -a "$O/summary.txt"
for v in build_base build; do
  timeout 90 $v/pa-bench --prefill-only --dims 256 --causal both --pages 1,16,100 --table frag --iters 10 > "$T/pa_${v}.log" 2>&1
  echo "$v: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %.3fms %s; ", $10, $11, $14}' "$T/pa_${v}.log")" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
