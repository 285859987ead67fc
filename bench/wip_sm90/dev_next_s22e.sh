#!/bin/bash
# Prepared in session 22 for session 23 (carry .carry/bins.tar.xz from mkvariants_s22e.sh, ~3 min):
# tests of build_WNP / build_WNPA at d128 (forced sm90, its pieces, automatic) and of build_WSG's
# gathers (d128 / d256, racecheck at d128), then ncu A/B build / WNP / WNPA at d128 non-causal,
# contiguous and page 8 (the 176-key kernels), and build / WSG at d128 / d256 pages 1 and 3 (the
# gathers), causal both, each alternated twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t22e build_WSG/pa-bench
i=0
for v in build_WNP build_WNPA; do
  i=$((i+1))
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=$((2900+i)) timeout 100 $v/test_gpu > $T/${v}_sm90.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=$((2910+i)) timeout 100 $v/test_gpu > $T/${v}_tail.log 2>&1 &
  PA_TEST_CASES=40 PA_TEST_SEED=$((2920+i)) timeout 100 $v/test_gpu > $T/${v}_auto.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=2 PA_TEST_SEED=2930 timeout 120 compute-sanitizer --tool racecheck build_WNPA/test_gpu > $T/WNPA_rc.log 2>&1 &
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((2940+d)) timeout 100 build_WSG/test_gpu > $T/WSG_g$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=2 PA_TEST_SEED=2950 timeout 120 compute-sanitizer --tool racecheck build_WSG/test_gpu > $T/WSG_rc.log 2>&1 &
wait
test_summary
B="build build_WNP build_WNPA"
ncu_ab "$B" --dims 128 --pages 8 --causal 0
AB_PREFIX=g ncu_ab "build build_WSG" --dims 128,256 --pages 1,3 --causal both
dev_end logs_s22e
