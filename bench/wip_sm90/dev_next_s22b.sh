#!/bin/bash
# Session 22, call 3: the SM90_DIET_* variants (bench/wip_sm90/mkvariants_s22b.sh; carry
# .carry/bins.tar.xz). Tests of build_DI (forced sm90 at each head_dim, the gather, the last-wave
# pieces, automatic; racecheck) and build_DS; ncu A/B of build, build_DS, build_DR, build_DI at all
# head dims, contiguous and pages 1 / 8, causal both, alternated twice; then contiguous against
# cuDNN interleaved in one process (bench/interleaved.py) for build, build_DS and build_DI.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t22b build_DI/pa-bench
forced_sm90 "build_DI build_DS" 60 2600
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((2610+d)) timeout 150 build_DI/test_gpu > $T/DI_g$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=2620 timeout 150 build_DI/test_gpu > $T/DI_t128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=2621 timeout 150 build_DI/test_gpu > $T/DI_t64.log 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=2622 timeout 150 build_DI/test_gpu > $T/DI_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2623 timeout 200 compute-sanitizer --tool racecheck build_DI/test_gpu > $T/DI_rc128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=2624 timeout 200 compute-sanitizer --tool racecheck build_DI/test_gpu > $T/DI_rcg64.log 2>&1 &
wait
test_summary
B="build build_DS build_DR build_DI"
ncu_ab "$B" --dims 128,256,64 --pages 1,8 --causal both
for v in ${IL:-build build_DS build_DI}; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,256,64 --out $T/il_$v > $T/il_$v.txt 2>&1
  echo "== $v"; grep -E "TFLOPS" $T/il_$v.txt
done | tee -a $O/summary.txt
dev_end logs_s22b
