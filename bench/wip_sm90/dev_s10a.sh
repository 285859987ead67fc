#!/bin/bash
# Session 10, first call (H200). Three libraries: build_base (the kernels of session 9), build (lazy
# rescaling of O, SM90_LAZY_RESCALE = 8), build_DA (session 9 + SM90_DESC_ADD=1, desc_add.patch).
#   1. GPU tests of build (automatic, forced sm90 at every head_dim, forced gather) and of build_DA;
#   2. bench/power.py: ours and cuDNN each alone for 2.5 s of back-to-back calls, with NVML energy,
#      power, SM clock, temperature and clock-event reasons; then interleaved.py for base and lazy;
#   3. ncu of one call of ours and one of cuDNN (d128 non-causal);
#   4. pa-bench of build_base and build at pages 1, 16, 100.
# Binaries built on the dev machine and carried in .carry/bins.tar.xz.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw,power.limit --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
PA_TEST_CASES=150 PA_TEST_SEED=201 timeout 170 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=202 timeout 170 build/test_gpu > $T/sm90_d$d.log 2>&1 &
  env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=80 PA_TEST_SEED=203 timeout 170 build/test_gpu > $T/gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=204 timeout 170 build_DA/test_gpu > $T/DA_sm90_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
PW() { PAGEDATTN_LIBRARY=$PWD/$1/libpagedattn.so timeout 150 python3 bench/power.py --tag $1$2 --out $T "${@:3}" 2>&1 \
       | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"; }
PW build_base "" --dims 128,64,256
PW build "" --dims 128,64,256
PW build_base _c --dims 128 --causal 1 --sides ours,cudnn
PW build _c --dims 128 --causal 1 --sides ours,cudnn
PW build_DA "" --dims 128 --sides ours,cudnn
echo "power $(el)" | tee -a "$O/summary.txt"
for v in build_base build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 20 --out $T/il_$v 2>&1 \
    | grep -v "NumPy\|_conversion" | sed "s/^/$v: /" | tee -a "$O/summary.txt"
done
echo "interleaved $(el)" | tee -a "$O/summary.txt"
PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 150 ncu --section SpeedOfLight --section LaunchStats \
  --metrics sm__inst_executed.sum,lts__t_bytes.sum,dram__bytes_read.sum \
  -k "regex:sm90_prefill|sdpa|cudnn|fprop|flash" -c 2 python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 > $T/ncu_d128.txt 2>&1   # ran as ncu_pair.py 128 (the same one-call pair; removed)
echo "ncu rc=$? $(el)"
grep -E "^  [a-zA-Z_].*\(|sm__inst_executed.sum|lts__t_bytes.sum|dram__bytes_read.sum|Duration|Registers Per|Cluster Size|Grid Size|Block Size|Dynamic Shared|Compute \(SM\) Th|Memory Th|SM Frequency" \
  $T/ncu_d128.txt | cut -c1-150 | tee -a "$O/summary.txt"
for v in build_base build; do
  timeout 90 $v/pa-bench --prefill-only --dims 128,64,256 --causal 0 --pages 1,16,100 --table frag --iters 10 > "$T/pa_${v}.log" 2>&1
  echo "$v: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' "$T/pa_${v}.log")" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
