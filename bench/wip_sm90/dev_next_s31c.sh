#!/bin/bash
# Session 31, call 3 (carry .carry/bins.tar.xz from mkvariants_s31c.sh): build = the library (M68 at
# d256, M69 at d64), the variants build_L2_64 / L4_128 / L2_128 / L4_256 / L2_256 (M69's lanes per
# row at the other head_dims and settings).
#   1. tests of build (build_checks, forced sm90 at d256 on run pages) and of each variant (forced to
#      its head_dim's gather: default list, pages 1..17, racecheck), all at once;
#   2. the integrated benchmark of build (dev_s14f.sh PHASE=bench): 2.44;
#   3. if the variants passed and time is left, ncu A/B of the gathers at pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t31c build_L2_64/pa-bench
build_checks 31400 "64 128 256"
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=43,44,51,77,100,101,127,132,200 PA_TEST_CASES=60 \
    PA_TEST_SEED=31500 timeout 150 build/test_gpu > $T/runs256.log 2>&1 &
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for vd in L2_64:64 L4_128:128 L2_128:128 L4_256:256 L2_256:256; do
    v=${vd%%:*}; d=${vd##*:}
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((31600 + d)) timeout 150 build_$v/test_gpu > $T/${v}_g.log 2>&1 &
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,2,3,4,5,7,17 PA_TEST_CASES=30 PA_TEST_SEED=$((31700 + d)) timeout 150 build_$v/test_gpu > $T/${v}_gpages.log 2>&1 &
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,3,17 PA_TEST_CASES=2 PA_TEST_SEED=$((31800 + d)) timeout 200 \
        compute-sanitizer --tool racecheck build_$v/test_gpu > $T/${v}_rc.log 2>&1 &
done
wait
test_summary
dev_end logs_s31c
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
echo "bench done $(el)" | tee -a "$O/summary.txt"
if [ $(( $(date +%s) - t0 )) -lt 440 ]; then
    AB_PREFIX=g64 ab_if_passed "L2_64_g L2_64_gpages" "build build_L2_64" --dims 64 --pages 1,3,4 --causal both
    AB_PREFIX=g128 ab_if_passed "L4_128_g L4_128_gpages L2_128_g L2_128_gpages" "build build_L4_128 build_L2_128" --dims 128 --pages 1,3,4 --causal both
    AB_PREFIX=g256 ab_if_passed "L4_256_g L4_256_gpages L2_256_g L2_256_gpages" "build build_L4_256 build_L2_256" --dims 256 --pages 1,3,4 --causal both
fi
dev_end logs_s31c_ab
