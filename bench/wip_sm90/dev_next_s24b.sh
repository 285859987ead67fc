#!/bin/bash
# Session 24, call 2 (carry .carry/bins.tar.xz from mkvariants_s24b.sh):
#   1. tests: build (PRE adopted) automatic + forced d256; build_AH / build_K3 forced d256 and d256
#      TMA pages, racecheck on build_K3's d256 pages (its K ring is 3 deep);
#   2. ncu A/B build / build_AH / build_K3 at d256, pages 8, 16, 64, 100, 256, causal both, twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24b build_K3/pa-bench
PA_TEST_SEED=4200 timeout 150 build/test_gpu > $T/build_auto.log 2>&1 &
for v in build build_AH build_K3; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=4210 timeout 150 $v/test_gpu > $T/${v}_sm90_256.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,48,51,64,100,256 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=4220 timeout 150 $v/test_gpu > $T/${v}_pages256.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=16,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=4231 timeout 150 compute-sanitizer --tool racecheck build_K3/test_gpu > $T/K3_rc256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=16,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=4232 timeout 150 compute-sanitizer --tool racecheck build_AH/test_gpu > $T/AH_rc256.log 2>&1 &
wait
test_summary
ncu_ab "build build_AH build_K3" --dims 256 --pages 8,16,64,100,256 --causal both
dev_end logs_s24b
