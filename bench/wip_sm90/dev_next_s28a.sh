#!/bin/bash
# Session 28, call 1 (carry .carry/bins.tar.xz from mkvariants_s28a.sh): M62, page runs in the PAIR
# layout. Forced-sm90 tests on its page sizes (4 mod 8 from 44 up) at d128 / d256, the automatic
# tests, the last-wave pieces at d256, racecheck and memcheck; then, if they pass, the ncu A/B of
# build_R0 (plain runs) and build at pages 44 / 100 / 132, and pa-bench's page-100 rows of both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28a build_R0/pa-bench
P=44,52,100,132,204,676
S="PA_TEST_KERNEL=sm90 PA_TEST_PAGES=$P"
for d in 128 256; do env $S PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((8800 + d)) timeout 150 build/test_gpu > $T/pr_$d.log 2>&1 & done
PA_TEST_SEED=8801 timeout 150 build/test_gpu > $T/auto.log 2>&1 &
env $S PA_TEST_HEAD_DIM=256 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=30 PA_TEST_SEED=8802 timeout 150 build/test_gpu > $T/pr_tail256.log 2>&1 &
env $S PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=100,44 PA_TEST_CASES=3 PA_TEST_SEED=8803 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/pr_rc128.log 2>&1 &
env $S PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=100,132 PA_TEST_CASES=4 PA_TEST_SEED=8804 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/pr_mc256.log 2>&1 &
wait
test_summary
grep -h "skipped" $T/*.log | tee -a $O/summary.txt
ab_if_passed "pr_128 pr_256 auto" "build_R0 build" --dims 128,256 --pages 44,100,132 --causal both
for v in build_R0 build; do timeout 120 $v/pa-bench --prefill-only --dims 128,256 --pages 100 --causal both --table frag --csv > $T/pab_$v.txt 2>&1; done
grep -h "prefill" $T/pab_*.txt | cut -d, -f1-12,16 | tee -a $O/summary.txt
dev_end logs_s28a
