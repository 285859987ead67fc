#!/bin/bash
# Session 59: dev_s59b found v_aw (-DSM90_PROD_ALLWAIT_D128=2: every lane of the d128 plain-layout
# instances waits on the empty barrier) 1.1..1.6% faster at d128 page 44, page 100 within the
# spread. Here the other run pages of those instances: racecheck of v_aw at pages 44 / 51 / 100 /
# 127 (v_aw2's ran in s59b), then ncu passes build / v_aw / v_aw2 at d128, causal both, pages
# 44 / 51 / 60 / 77 / 100 / 101 / 127 (all page runs at 128 keys), never copying, while a pass
# fits in NCU_S (default 300) s. Builds: see dev_s59b.sh's header.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59d v_aw/pa-bench
for s in 1 2; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,100,127 PA_TEST_CASES=4 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$((59130 + s)) timeout 150 \
        compute-sanitizer --tool racecheck v_aw/test_gpu > "$T/rc_aw_$s.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=43,51,60,77,127 PA_TEST_CASES=30 PA_TEST_SEED=59140 timeout 120 v_aw/test_gpu > "$T/v_aw_runs.log" 2>&1 &
wait
test_summary
ncu_passes "build v_aw v_aw2" ${NCU_S:-300} 8 --dims 128 --pages 44,51,60,77,100,101,127 --causal both
dev_end logs_s59d
