#!/bin/bash
# Session 8's last call (H200): page-table entries read one tile ahead in the TMA producer
# (build/, the working tree) against the committed code (build_base/, aae44e1), alternated at the
# TMA page sizes; forced-sm90 tests of the new build first.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=81 timeout 90 build/test_gpu > $T/sm90_d$d.log 2>&1 &
done
PA_TEST_CASES=100 PA_TEST_SEED=82 timeout 90 build/test_gpu > $T/auto.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
for r in 1 2; do
  for v in base new; do
    bin=build/pa-bench; [ $v = base ] && bin=build_base/pa-bench
    timeout 60 $bin --prefill-only --dims 128,64,256 --causal both --pages 8,16,48,100,128 --table frag --iters 10 > "$O/${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s; ", $2, $8, $10, $14}' "$O/${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
