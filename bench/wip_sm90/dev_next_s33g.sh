#!/bin/bash
# Session 33, call 7 (carry .carry/bins.tar.xz from mkvariants_s33f.sh; build = the library with
# SM90_PLAN_ALLARRIVE): tests/sanitize.sh over build/test_gpu, now with the page-run runs at each
# head_dim (automatic 10 cases, forced 3), under a time limit; the log goes to $OUT.
O=${OUT:-/tmp/out}; mkdir -p "$O"
[ -e build/test_gpu ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
PA_TEST_CASES=10 timeout ${LIMIT:-250} sh tests/sanitize.sh build > "$O/sanitize.log" 2>&1
echo "rc=$?"
grep -E "^== |^!!|SUMMARY|passed, " "$O/sanitize.log" | sed 's/=========//' | tail -60
