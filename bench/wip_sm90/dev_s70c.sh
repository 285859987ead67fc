#!/bin/bash
# Session 70, call c: M104, page runs from the run table with a page-tall map (a whole page in one
# box) and page runs for d64 / d128 pages 9..42 that are not multiples of 8 (the gather before).
# build: M104; v_pm0: -DSM90_PAGE_MAP=0 -DSM90_TABLE_RUNS_MIN=100000 (the library's plan: power-of-
# two boxes, pages under 43 on the gather). Tests of build (forced sm90 d64 / d128 on the new run
# pages and the page-map pages, bad page ids included; the default list; racecheck / memcheck),
# then ncu (never copying) both builds, d64 / d128, both masks.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t70c /nonexistent
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,10,11,12,13,15,17,20,23,33,36,42,47,100 PA_TEST_CASES=90 PA_TEST_SEED=70201 timeout 100 build/test_gpu > "$T/d128_pages.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=9,11,12,14,17,20,25,31,36,41,44,47,77,127 PA_TEST_CASES=90 PA_TEST_SEED=70202 timeout 100 build/test_gpu > "$T/d64_pages.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=70203 timeout 100 build/test_gpu > "$T/d128_sm90.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=70204 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
san racecheck build 128 9,12,47,100 3 70205 rc_128 150
san memcheck build 128 9,20,51 3 70206 mc_128 150
san racecheck build 64 12,47 3 70207 rc_64 150
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=12,44,47,51,77,100,127 PA_TEST_CASES=60 PA_TEST_SEED=70208 timeout 100 v_pm0/test_gpu > "$T/pm0_128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=12,44,47,51,77,100,127 PA_TEST_CASES=60 PA_TEST_SEED=70209 timeout 100 v_pm0/test_gpu > "$T/pm0_64.log" 2>&1 &
wait
test_summary
AB_PREFIX=m ncu_passes "build v_pm0" 400 2 --dims 64,128 --pages 9,12,17,20,33,36,44,47,51,77,100 --iters 2
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s70c
