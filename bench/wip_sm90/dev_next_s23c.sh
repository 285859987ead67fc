#!/bin/bash
# Session 23, call 4 (carry .carry/bins.tar.xz from mkvariants_s23c.sh):
#   1. tests of build (M50 + M51: automatic, forced at every head_dim, d256 run pages, racecheck on
#      them) and of build_MS (SM90_MASK_SKIP=1, forced at every head_dim);
#   2. ncu A/B build / build_MS at d128 and d256, contiguous + page 8, causal both, twice;
#   3. the paged sweep of build at ncu's clocks (pages 1..256 against its contiguous launch).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t23c build_MS/pa-bench
PA_TEST_SEED=3100 timeout 200 build/test_gpu > $T/build_auto.log 2>&1 &
forced_sm90 "build build_MS" 50 3110
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200,300,1000 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=3130 timeout 150 build/test_gpu > $T/build_runs256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=51,77,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=3131 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/build_rc_runs256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=51,77,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=3132 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/build_mc_runs256.log 2>&1 &
wait
test_summary
ncu_ab "build build_MS" --dims 128,256 --pages 8 --causal both
( cd $T && tar czf "$O/logs_s23c.tgz" *.txt *.log 2>/dev/null )
timeout 220 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64,256 --pages 1,3,8,16,48,51,64,100,128,256 --causal both --out $T/sweep > $T/sweep.txt 2>&1
echo "sweep rc=$? $(el)" | tee -a $O/summary.txt
tail -70 $T/sweep.txt | tee -a $O/summary.txt
dev_end logs_s23c
