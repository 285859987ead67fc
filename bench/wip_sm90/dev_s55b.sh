#!/bin/bash
# (M85 left the source in session 56: git apply pt_async_m85.patch before building v_pta.)
# Session 55: M85 (SM90_PT_ASYNC, v_pta: M77's page-table entries by cp.async from the kernel's
# entry). Tests of v_pta (forced sm90 at d128 / d256 on the default list and on pages 8..100, the
# last-wave pieces, automatic, racecheck at d128 / d256 pages 8 / 100), then ncu A/B passes
# (build against v_pta at d128 / d256 pages 8 / 16 / 100, causal both, boxes only) while a pass
# still fits before DEADLINE seconds (default 400).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t55b v_pta/pa-bench
P="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,32,44,64,100,101,128,8"
for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5500 + d)) timeout 120 v_pta/test_gpu > "$T/pta_sm90_$d.log" 2>&1 &
    env $P PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((5510 + d)) timeout 120 v_pta/test_gpu > "$T/pta_pages_$d.log" 2>&1 &
    env $P PA_TEST_HEAD_DIM=$d PA_TEST_SM90_TAIL=3 PA_TEST_CASES=25 PA_TEST_SEED=$((5520 + d)) timeout 120 v_pta/test_gpu > "$T/pta_tail_$d.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,100 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$((5530 + d)) timeout 90 \
        compute-sanitizer --tool racecheck --error-exitcode 99 v_pta/test_gpu > "$T/pta_rc_$d.log" 2>&1 &
done
PA_TEST_CASES=30 PA_TEST_SEED=5501 timeout 120 v_pta/test_gpu > "$T/pta_auto.log" 2>&1 &
wait
test_summary
AB_PREFIX=a ncu_passes "build v_pta" ${DEADLINE:-400} 4 --dims 128,256 --pages 8,16,100 --causal both
dev_end logs_s55b
