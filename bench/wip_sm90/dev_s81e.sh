#!/bin/bash
# Session 81, call e: M111 adopted (SM90_RUNS_SPLIT_D64 = 1 in sm90_plan.h: the d64 page runs' boxes
# split between the panel warps, d64 page runs up to 32 boxes a tile (pages 9..11 leave the gather),
# the copy estimate's d64 in-place figure 0.016; prefill SASS 936dea7a). build_old = the same
# sources with -DSM90_RUNS_SPLIT_D64=0 (the library before: SASS 95255364, old plan and estimate).
# 1. the library's GPU tests: automatic, forced sm90 at each head_dim, forced d64 never copying on
#    pages 9..127, forced d64 as the estimate chooses on 9..16, test_threads, memcheck and
#    racecheck at d64 pages 9 / 11 / 13 / 100.
# 2. if they pass: pa-bench paired rows, d64 B4 H32 8k, both masks, the library's choices, lib
#    against old, 2 rounds: pages 8..16 and a sample 17..127.
# .carry/bins.tar.xz: build/{pa-bench,test_gpu,test_threads,libpagedattn.so}, build_old/pa-bench.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81e build_old/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=81601 timeout 110 build/test_gpu > "$T/auto.log" 2>&1 &
for d in 64 128 256; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((81610 + d)) timeout 110 build/test_gpu > "$T/sm90_$d.log" 2>&1 &
done
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,10,11,12,13,14,15,17,20,24,33,41,47,51,77,100,127 \
    PA_TEST_CASES=60 PA_TEST_SEED=81602 timeout 110 build/test_gpu > "$T/runs64.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=9,10,11,12,13,14,15,16 PA_TEST_CASES=40 PA_TEST_SEED=81603 \
    timeout 110 build/test_gpu > "$T/est64.log" 2>&1 &
PA_TEST_SEED=81604 timeout 110 build/test_threads > "$T/threads.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,11,13,100 PA_TEST_CASES=3 PA_TEST_SEED=81605 \
    PA_TEST_LONG_RANGE=0 timeout 110 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/mc64.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_COPY=-1 PA_TEST_PAGES=9,11,13,100 PA_TEST_CASES=2 PA_TEST_SEED=81606 \
    PA_TEST_LONG_RANGE=0 timeout 150 compute-sanitizer --tool racecheck build/test_gpu > "$T/rc64.log" 2>&1 &
wait
test_summary
ok=1
for f in auto sm90_64 sm90_128 sm90_256 runs64 est64 threads; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "ERROR SUMMARY: 0 errors" "$T/mc64.log" || ok=0
grep -q "RACECHECK SUMMARY: 0 hazards" "$T/rc64.log" || ok=0
grep -h "SUMMARY" "$T/rc64.log" | tail -1 | tee -a "$O/summary.txt"
echo "tests ok=$ok" | tee -a "$O/summary.txt"
if [ $ok = 1 ]; then
    for r in 1 2; do
        for P in 8,9,10,11,12,13,14,15,16 17,20,24,33,41,47,51,77,100,127; do
            A="--prefill-only --table frag --no-check --iters 10 --dims 64 --pages $P"
            build/pa-bench $A 2>&1 | pa_row lib > /dev/null
            build_old/pa-bench $A 2>&1 | pa_row old > /dev/null
        done
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib old"
fi
dev_end logs_s81e
