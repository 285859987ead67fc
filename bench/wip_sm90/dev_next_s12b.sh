#!/bin/bash
# (Ran as part of dev_s12a.sh, RESULTS 3.1p: no gain. The SM90_MASK_LATE code was then removed, so
# this script no longer builds a different kernel.)
# Prepared in session 11, not run: SM90_MASK_LATE=1 (build_ML) against the committed build. K warp 0
# writes the tile's key mask words after issuing its TMA boxes instead of before (mbarrier.expect_tx
# first, the arrival after the words), so the words (~300 cycles at the first tile in the trace of
# RESULTS 3.1o) no longer delay K's loads. Compile-checked: no spills; gather kernels' SASS unchanged.
# Build here first:
#   make -j2 all build/test_gpu && rm -rf build_ML && cp -r build build_ML && \
#   rm -f build_ML/src/cuda/prefill_sm90.o build_ML/pa-bench build_ML/libpagedattn.a build_ML/libpagedattn.so \
#         build_ML/pagedattn_all.o build_ML/test_gpu && \
#   make -j2 BUILD=build_ML NVEXTRA="-DSM90_MASK_LATE=1" build_ML/pa-bench build_ML/test_gpu build_ML/libpagedattn.so
#   tar cJf .carry/bins.tar.xz build/pa-bench build/libpagedattn.so build_ML/pa-bench build_ML/test_gpu build_ML/libpagedattn.so
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=120 PA_TEST_SEED=341 timeout 170 build_ML/test_gpu > $T/ML_sm90_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=342 timeout 200 compute-sanitizer --tool memcheck build_ML/test_gpu > $T/ML_memcheck.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=343 timeout 200 compute-sanitizer --tool racecheck build_ML/test_gpu > $T/ML_racecheck.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build build_ML build build_ML; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 256:8192:8192 128:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$O/summary.txt"
done
echo "ncu (d128, d64, d256, d128 causal; ms) $(el)" | tee -a "$O/summary.txt"
for v in build build_ML; do
  echo "== $v" | tee -a "$O/summary.txt"
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 8,16,100,128,672 --causal 0 --out $T/pa_$v 2>&1 | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
