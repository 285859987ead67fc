#!/bin/bash
# Session 9, second call (H200): part of the softmax's exponentials on the FMA pipe
# (-DSM90_EMU_EVERY=4: a quarter, build_E4/; =8: an eighth, build_E8/) against the committed
# kernel (build/), alternated: contiguous TFLOPS and paged overhead (gather pages 1, 4; TMA 16).
# Forced-sm90 tests of build_E4 and build_E8 first.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for v in E4 E8; do
  for d in 128 64 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=91 timeout 120 build_$v/test_gpu > $T/${v}_sm90_d$d.log 2>&1 &
  done
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=92 timeout 120 build_$v/test_gpu > $T/${v}_gather_d128.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
for r in 1 2; do
  for v in base E4 E8; do
    bin=build/pa-bench; [ $v != base ] && bin=build_$v/pa-bench
    timeout 90 $bin --prefill-only --dims 128,64,256 --causal both --pages 1,4,16 --table frag --iters 10 > "$O/${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' "$O/${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
