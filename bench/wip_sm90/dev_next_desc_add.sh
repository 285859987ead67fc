#!/bin/bash
# Prepared in session 9, not yet run (no device time left): the SM90_DESC_ADD variant (wgmma
# descriptors by offset, NOTES session 9; bench/wip_sm90/desc_add.patch adds the knob, default off,
# and is applied here first) checked and measured against the default build, with the
# GPU's power and clocks sampled, contiguous shapes timed interleaved against cuDNN in one process.
#   1. build both on the device (make -j16; build_DA with -DSM90_DESC_ADD=1);
#   2. forced-sm90 tests of build_DA at every head_dim, the forced gather at d128;
#   3. interleaved.py with each library, alternated twice, while nvidia-smi samples every 100 ms;
#   4. pa-bench of both (TMA and gather pages), alternated.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
git apply bench/wip_sm90/desc_add.patch || { echo "desc_add.patch does not apply"; exit 1; }
timeout 240 make -j16 all build/test_gpu > "$O/build.log" 2>&1 || { echo "build failed"; tail -20 "$O/build.log"; exit 1; }
rm -rf build_DA && cp -r build build_DA && rm -f build_DA/src/cuda/prefill_sm90.o build_DA/pa-bench \
  build_DA/libpagedattn.a build_DA/libpagedattn.so build_DA/pagedattn_all.o build_DA/test_gpu
timeout 240 make -j16 BUILD=build_DA NVEXTRA="-DSM90_DESC_ADD=1" build_DA/pa-bench build_DA/test_gpu build_DA/libpagedattn.so \
  >> "$O/build.log" 2>&1 || { echo "variant build failed"; exit 1; }
echo "built $(el)"
T=/tmp/t; mkdir -p $T
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=101 timeout 150 build_DA/test_gpu > $T/DA_sm90_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=102 timeout 150 build_DA/test_gpu > $T/DA_gather_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
nvidia-smi --query-gpu=timestamp,clocks.sm,power.draw,temperature.gpu --format=csv -lms 100 > "$O/power.csv" 2>&1 &
SMI=$!
for r in 1 2; do
  for v in build build_DA; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so PYTHONPATH=$PWD/python timeout 120 python3 bench/interleaved.py \
      --rounds 6 --calls 20 --out "$T/il_${v}_r$r" 2>&1 | grep -v "NumPy\|_conversion_method" | sed "s/^/$v r$r: /" | tee -a "$O/summary.txt"
  done
done
for r in 1 2; do
  for v in build build_DA; do
    timeout 90 $v/pa-bench --prefill-only --dims 128,64,256 --causal both --pages 1,4,16,100 --table frag --iters 10 > "$T/pa_${v}_r$r.log" 2>&1
    echo "$v r$r: $(awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' "$T/pa_${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
done
kill $SMI
( cd $T && tar czf "$O/logs.tgz" * )   # the device tool returns at most 8 files from $OUT
echo "total $(el)" | tee -a "$O/summary.txt"
