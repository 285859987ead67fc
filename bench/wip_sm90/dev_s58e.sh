#!/bin/bash
# Session 58, last call: M88 at d64 with __syncwarp around lane 0's mask stores in the (rare)
# store branch (dev_s58d's racecheck flagged the read-back against those stores: 2 warnings; the
# consumers' SASS is unchanged, the producers +16..24 instructions in that branch). Racecheck at d64
# (run and PAIR pages, bad-page cases included), forced d64 tests, automatic; then ncu passes
# v_h0 (45d3075c) / build at d64 causal both, pages 8 / 100, while a pass fits before NCU_S
# (default 150) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t58e v_h0/pa-bench
for s in 1 2; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,100 PA_TEST_CASES=4 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=$((58100 + s)) timeout 120 \
        compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_64_$s.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=16,44,101 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=58103 timeout 120 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_64_3.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,16,44,100,101,127 PA_TEST_CASES=30 PA_TEST_SEED=58104 timeout 60 build/test_gpu > "$T/runs_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=30 PA_TEST_SEED=58105 timeout 60 build/test_gpu > "$T/sm90_64.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=58106 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
ncu_passes "v_h0 build" ${NCU_S:-150} 8 --dims 64 --pages 8,100 --causal both
dev_end logs_s58e
