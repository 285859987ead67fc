#!/bin/bash
# Session 24, call 3 (carry .carry/bins.tar.xz from mkvariants_s24c.sh):
#   1. tests of build_OW: automatic, forced sm90 at every head_dim, pages 64..256 at d128 / d256,
#      racecheck on d256 contiguous + page 256;
#   2. ncu A/B build / build_OW at d256 / d128 / d64: contiguous and pages 8 (control: several
#      boxes a tile, same code path), 64, 128, 256, causal both, twice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24c build_OW/pa-bench
PA_TEST_SEED=4300 timeout 150 build_OW/test_gpu > $T/OW_auto.log 2>&1 &
forced_sm90 "build_OW" 40 4310
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=64,128,256,512 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=4320 timeout 150 build_OW/test_gpu > $T/OW_pages128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=64,128,256,512 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=4321 timeout 150 build_OW/test_gpu > $T/OW_pages256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=128,256 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=4331 timeout 150 compute-sanitizer --tool racecheck build_OW/test_gpu > $T/OW_rc256.log 2>&1 &
wait
test_summary
ncu_ab "build build_OW" --dims 256,128,64 --pages 8,64,128,256 --causal both
dev_end logs_s24c
