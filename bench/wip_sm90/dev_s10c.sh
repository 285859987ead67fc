#!/bin/bash
# Session 10, third call (H200): the persistent grid for non-causal TMA work (build) against the
# kernels of session 9 (build_base). Tests (the default grid, and PA_TEST_SM90_CTAS=3: every
# shape persistent with many units per CTA), power.py A/B, pa-bench A/B, ncu sweep over key counts.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_CASES=150 PA_TEST_SEED=221 timeout 170 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=120 PA_TEST_SEED=222 timeout 170 build/test_gpu > $T/sm90_d$d.log 2>&1 &
  PA_TEST_SM90_CTAS=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=223 timeout 170 build/test_gpu > $T/ctas3_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=224 timeout 170 build/test_gpu > $T/gather_d128.log 2>&1 &
PA_TEST_SM90_CTAS=2 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=225 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_ctas2.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build_base build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 100 python3 bench/power.py --tag $v --out $T --dims 128,64,256 --seconds 2 --idle 0.7 2>&1 \
    | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"
done
echo "power $(el)" | tee -a "$O/summary.txt"
PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum,sm__inst_executed.sum \
  -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:2048 128:8192:4096 128:8192:8192 128:8192:16384 \
  256:8192:8192 64:8192:8192 > $T/ncu_build.txt 2>&1
echo "ncu rc=$? $(el)"
awk '/^  [a-zA-Z_].*\(/{n=$1; if (n ~ /void/) n=$2} /gpu__time_duration.sum/{t=$NF" "$(NF-1)} /sm__inst_executed.sum/{printf "%s %s %s inst\n", substr(n,1,40), t, $NF}' $T/ncu_build.txt | tee -a "$O/summary.txt"
for v in build_base build; do
  timeout 100 $v/pa-bench --prefill-only --dims 128,64,256 --causal both --pages 1,16,100 --table frag --iters 10 > "$T/pa_${v}.log" 2>&1
  echo "$v: $(awk 'NR>1 && $10=="-"{printf "| d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %.3fms %s; ", $10, $11, $14}' "$T/pa_${v}.log")" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
