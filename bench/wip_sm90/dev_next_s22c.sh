#!/bin/bash
# Session 22, call 4 (carry .carry/bins.tar.xz from mkvariants_s22c.sh): the committed build (M48)
# and build_WS (SM90_WG_SHFL=1).
#   1. tests of build, in parallel: test_gpu automatic (its default cases), the sm90 kernel forced
#      to TMA and to the gather at each head_dim, its last-wave pieces (PA_TEST_SM90_TAIL=3) at each
#      head_dim, and tests/sanitize.sh (memcheck + racecheck, few cases); build_WS forced at d128 /
#      d256 and its pieces at d128;
#   2. ncu A/B build / build_WS, d128 and d256, contiguous + pages 1 / 8, causal both, twice;
#   3. the paged sweep of build at ncu's clocks (pages 1..256 against its contiguous launch);
#   4. contiguous against cuDNN interleaved in one process (bench/interleaved.py), build and build_WS.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t22c build_WS/pa-bench
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,power.limit --format=csv,noheader | tee $O/gpu.txt
timeout 200 build/test_gpu > $T/auto.log 2>&1 &
i=0
for d in 64 128 256; do
  i=$((i+1))
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2700+i)) timeout 150 build/test_gpu > $T/sm90_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((2710+i)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=80 PA_TEST_SEED=$((2720+i)) timeout 150 build/test_gpu > $T/tail_$d.log 2>&1 &
done
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2730+d)) timeout 150 build_WS/test_gpu > $T/WS_sm90_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=2740 timeout 150 build_WS/test_gpu > $T/WS_tail_128.log 2>&1 &
PA_TEST_CASES=4 PA_TEST_FORCED_CASES=2 timeout 260 sh tests/sanitize.sh build > $T/sanitize.log 2>&1 &
wait
test_summary
B="build build_WS"
ncu_ab "$B" --dims 128,256 --pages 1,8 --causal both
timeout 200 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64,256 --pages 1,3,8,16,48,64,100,128,256 --causal both --out $T/sweep > $T/sweep.txt 2>&1
echo "sweep rc=$? $(el)" | tee -a $O/summary.txt
tail -70 $T/sweep.txt | tee -a $O/summary.txt
for v in $B; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,256,64 --out $T/il_$v > $T/il_$v.txt 2>&1
  echo "== $v"; grep -E "TFLOPS" $T/il_$v.txt
done | tee -a $O/summary.txt
dev_end logs_s22c
