#!/bin/bash
# Session 57: M86 (SM90_PW_SHFL: the TMA producers' warp index through a shuffle, so each box's
# map / barrier / column stay uniform; v_pws) and the same with SM90_MASK_SKIP (no mask-word
# ballots for tiles without bad page ids; v_pwm). Tests of both (forced sm90, PAIR and run pages,
# every head_dim) and racecheck of v_pwm, then ncu A/B passes build / v_pws / v_pwm at pages 8 / 100,
# causal, every head_dim (--kv-copy-limit 0) while a pass fits before NCU_S (default 330) seconds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57a v_pwm/pa-bench
P="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,43,100,101"
for v in v_pws v_pwm; do
    for d in 64 128 256; do
        env $P PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((5700 + d)) timeout 100 $v/test_gpu > "$T/${v}_$d.log" 2>&1 &
    done
done
PA_TEST_CASES=30 PA_TEST_SEED=5701 timeout 100 v_pwm/test_gpu > "$T/v_pwm_auto.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,100 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5702 timeout 120 \
    compute-sanitizer --tool racecheck v_pwm/test_gpu > "$T/v_pwm_rc.log" 2>&1 &
wait
test_summary
ncu_passes "build v_pws v_pwm" ${NCU_S:-330} 6 --dims 64,128,256 --pages 8,100 --causal 1
dev_end logs_s57a
