#!/bin/bash
# Session 57: M86 at d256 alone (the new default build, SASS 45d3075c: its d256 TMA instances are
# dev_s57a's v_pwm's, every other instance HEAD's) against HEAD's library (v_h0). Tests of build
# (forced sm90 d256 on the default list, PAIR / run pages, last-wave pieces; automatic; racecheck
# d256 pages 8 / 100), then ncu A/B passes v_h0 / build at d256 pages 8 / 16 / 48 / 100, causal
# both, while a pass fits before NCU_S (default 300) s; then pa-bench's paired rows, both builds,
# d256 pages 8 / 100, causal both, two rounds each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57b v_h0/pa-bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256"
env $S PA_TEST_CASES=40 PA_TEST_SEED=5811 timeout 120 build/test_gpu > "$T/sm90_256.log" 2>&1 &
env $S PA_TEST_PAGES=8,16,43,48,100,101,127,200 PA_TEST_CASES=40 PA_TEST_SEED=5812 timeout 120 build/test_gpu > "$T/pages_256.log" 2>&1 &
env $S PA_TEST_PAGES=8,44,100,101 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=30 PA_TEST_SEED=5813 timeout 120 build/test_gpu > "$T/tail_256.log" 2>&1 &
PA_TEST_CASES=40 PA_TEST_SEED=5814 timeout 120 build/test_gpu > "$T/auto.log" 2>&1 &
env $S PA_TEST_PAGES=8,100 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5815 timeout 150 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_256.log" 2>&1 &
wait
test_summary
ncu_passes "v_h0 build" ${NCU_S:-300} 8 --dims 256 --pages 8,16,48,100 --causal both
for r in 1 2; do
    for v in v_h0 build; do
        echo "pa-bench $v round $r $(el)" | tee -a "$O/summary.txt"
        timeout 90 $v/pa-bench --prefill-only --dims 256 --pages 8,100 --causal both --kv-copy-limit 0 2>&1 | grep -E "^ *prefill" | tee -a "$O/summary.txt"
    done
done
dev_end logs_s57b
