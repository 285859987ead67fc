#!/bin/bash
# Prepared in session 10, not yet run (its device time was spent): at d64, do the odd run pages
# 43..63 still lose to the gather (pa_sm90_runs_lose, RESULTS 2.13)? d256's answer changed after
# lazy rescaling (3.1n). Both builds timed by ncu at locked clocks (bench/pa_ncu.py).
# Build here first (the kernels are identical, only the host rule differs):
#   cp -r build build_R && rm -f build_R/src/cuda/prefill_sm90.o build_R/pa-bench build_R/libpagedattn.a \
#     build_R/libpagedattn.so build_R/pagedattn_all.o build_R/test_gpu
#   make BUILD=build_R NVEXTRA=-DPA_SM90_RUNS_ALWAYS build_R/pa-bench build_R/test_gpu
#   tar cJf .carry/bins.tar.xz build/pa-bench build_R/pa-bench build_R/test_gpu
# then run with carry [".carry/bins.tar.xz"]. About 40 s of device time plus the start.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=80 PA_TEST_SEED=271 timeout 100 build_R/test_gpu > $T/R_sm90_d64.log 2>&1
echo "R_sm90_d64: $(tail -1 $T/R_sm90_d64.log) $(el)" | tee -a "$O/summary.txt"
for v in build build_R; do
  echo "== $v" | tee -a "$O/summary.txt"
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 43,51,63,77 --causal both --out $T/$v 2>&1 | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
