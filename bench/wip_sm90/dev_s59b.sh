#!/bin/bash
# Prepared in session 58 (not run): M88 at d128 through all-lane waits. At d128 M88's read-back
# drew racecheck warnings only because lane 0 alone waits on the empty barrier (SM90_PROD_ALLWAIT_
# D128=0). v_aw = -DSM90_PROD_ALLWAIT_D128=2 (M65's all-lane wait in the plain-layout instances
# only); v_aw2 = v_aw + -DSM90_MASK_SKIP_D128=2 (M88 in those instances). Both 0 spills; their PAIR
# instances keep the library's SASS, their plain ones' consumers differ in 2..4% of instructions.
# Build here:
#   . bench/wip_sm90/mkvariant_lib.sh; mk v_aw -DSM90_PROD_ALLWAIT_D128=2
#   mk v_aw2 -DSM90_PROD_ALLWAIT_D128=2 -DSM90_MASK_SKIP_D128=2; pack v_aw v_aw2
# Tests (forced d128 on run pages with the bad-page cases; racecheck of v_aw2 at pages 44 / 100 /
# 101, where the W and TAIL plain instances run too), then ncu passes build / v_aw / v_aw2 at d128
# causal both, pages 44 / 100 (with their contiguous rows), while a pass fits before NCU_S
# (default 200) s. Adopt v_aw2 only if racecheck is clean and page 100 gains beyond the spread.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59b v_aw2/pa-bench
RP=44,100,101,127
for v in v_aw v_aw2; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=$RP PA_TEST_CASES=30 PA_TEST_SEED=59110 timeout 120 $v/test_gpu > "$T/${v}_runs.log" 2>&1 &
done
for s in 1 2; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=4 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$((59120 + s)) timeout 150 \
        compute-sanitizer --tool racecheck v_aw2/test_gpu > "$T/rc_aw2_$s.log" 2>&1 &
done
wait
test_summary
ncu_passes "build v_aw v_aw2" ${NCU_S:-200} 8 --dims 128 --pages 44,100 --causal both
dev_end logs_s59b
