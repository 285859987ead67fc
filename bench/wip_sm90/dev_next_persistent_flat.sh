#!/bin/bash
# Prepared in session 10, not yet run: persistent_flat.patch (build_PF) against the committed build.
# Build both here first (about a minute on 2 cores):
#   make -j2 all build/test_gpu
#   git apply bench/wip_sm90/persistent_flat.patch && rm -rf build_PF && cp -r build build_PF && \
#     rm -f build_PF/src/cuda/prefill_sm90.o build_PF/pa-bench build_PF/libpagedattn.a \
#       build_PF/libpagedattn.so build_PF/pagedattn_all.o build_PF/test_gpu && \
#     make -j2 BUILD=build_PF build_PF/pa-bench build_PF/test_gpu build_PF/libpagedattn.so; \
#     git apply -R bench/wip_sm90/persistent_flat.patch
#   tar cJf .carry/bins.tar.xz build/pa-bench build/libpagedattn.so build_PF/pa-bench build_PF/test_gpu build_PF/libpagedattn.so
# then run with carry [".carry/bins.tar.xz"] (about 4 minutes).
#   1. tests of build_PF: automatic; forced sm90 per head_dim with the persistent grid's default and with
#      PA_TEST_SM90_CTAS=3 (many units per CTA); forced gather d128; memcheck with CTAS=2;
#   2. ncu at locked clocks, contiguous d128 sk 2k..16k and d64/d256/d128-causal at 8k, both builds
#      (the intercept should fall to about 0.17 ms without the per-tile cost rising: 4.18 ms at 8k today);
#   3. pa_ncu.py paged rows of both builds (the gather kernels' SASS changed too);
#   4. power.py, d128/d64/d256 non-causal, both builds.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_CASES=120 PA_TEST_SEED=281 timeout 170 build_PF/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=282 timeout 170 build_PF/test_gpu > $T/sm90_d$d.log 2>&1 &
  PA_TEST_SM90_CTAS=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=283 timeout 170 build_PF/test_gpu > $T/ctas3_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=284 timeout 170 build_PF/test_gpu > $T/gather_d128.log 2>&1 &
PA_TEST_SM90_CTAS=2 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=285 timeout 200 compute-sanitizer --tool memcheck build_PF/test_gpu > $T/memcheck_ctas2.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
echo "tests $(el)" | tee -a "$O/summary.txt"
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build build_PF; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum,sm__inst_executed.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:2048 128:8192:4096 128:8192:8192 128:8192:16384 \
    64:8192:8192 256:8192:8192 128:8192:8192:1 > $T/ncu_$v.txt 2>&1
  awk '/^  [a-zA-Z_].*\(/{n=$1; if (n ~ /void/) n=$2} /gpu__time_duration.sum/{t=$NF" "$(NF-1)} /sm__inst_executed.sum/{printf "%s %s %s inst\n", substr(n,1,40), t, $NF}' $T/ncu_$v.txt | sed "s/^/$v /" | tee -a "$O/summary.txt"
done
echo "ncu $(el)" | tee -a "$O/summary.txt"
for v in build build_PF; do
  echo "== $v" | tee -a "$O/summary.txt"
  timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,4,8,16,100,672 --causal both --out $T/$v 2>&1 | tee -a "$O/summary.txt"
done
for v in build build_PF; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 100 python3 bench/power.py --tag $v --out $T --dims 128,64,256 --seconds 2 --idle 0.7 2>&1 \
    | grep -v "NumPy\|_conversion" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
