#!/bin/bash
# Session 34, call 2 (carry .carry/bins.tar.xz from mkvariants_s34.sh; build = the committed library:
# 2.47's plus every lane arriving on the page-run plan records' barriers, session 33):
#   1. tests of build (build_checks: automatic, forced sm90 and gather at each head_dim, the d256
#      gather's pages, tail pieces, racecheck, memcheck), the d256 gather with 64-bit offsets,
#      racecheck of the d128 gather and of the d128 page runs (pages 44 / 100 / 101);
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench): RESULTS 2.48.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t34b build/pa-bench
integrated_checks 34200
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100,101 PA_TEST_CASES=3 PA_TEST_SEED=34302 \
    timeout 150 compute-sanitizer --tool racecheck build/test_gpu > $T/rc128runs.log 2>&1 &
wait
test_summary
dev_end logs_s34b
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
echo "bench done $(el)" | tee -a "$O/summary.txt"
