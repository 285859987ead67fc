#!/bin/bash
# Session 58: M88 as adopted (SM90_MASK_SKIP_D64=1, _D128=2: the d128 plain-layout instances only,
# its PAIR ones keep their SASS; spill-free form: a clean tile reads its stage's words back instead
# of a dirty bit in a register) in build/, against the previous library (v_h0, SASS 45d3075c).
# Tests: forced sm90 d64 / d128 on the default and run pages, automatic, racecheck at d64 page 8 /
# d128 page 100, memcheck at d128 pages 100 / 101; a mutation check of the bad-page cases (the copy
# kept and forced: its zero keys must make them fail). Then ncu passes v_h0 / build at d64 / d128
# causal both, pages 8 / 100, while a pass fits before NCU_S (default 230) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t58c v_h0/pa-bench
RP=8,16,44,100,101,127
for d in 64 128; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((5870 + d)) timeout 150 build/test_gpu > "$T/sm90_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$RP PA_TEST_CASES=30 PA_TEST_SEED=$((5880 + d)) timeout 150 build/test_gpu > "$T/runs_$d.log" 2>&1 &
done
PA_TEST_CASES=40 PA_TEST_SEED=5890 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_BAD_KEEP_COPY=1 PA_TEST_PAGES=16,100 PA_TEST_CASES=12 PA_TEST_SEED=5891 \
    timeout 150 build/test_gpu > "$T/mutation_copy.log" 2>&1 &
wait
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=8,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5892 timeout 150 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_64.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=100,44 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5893 timeout 150 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/rc_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=100,101 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=5894 timeout 150 \
    compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/mc_128.log" 2>&1 &
wait
test_summary
grep -c "bad-page case" "$T/mutation_copy.log" | sed 's/^/mutation: FAIL lines naming bad-page cases: /' | tee -a "$O/summary.txt"
ncu_passes "v_h0 build" ${NCU_S:-230} 8 --dims 64,128 --pages 8,100 --causal both
dev_end logs_s58c
