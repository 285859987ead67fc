#!/bin/bash
# Session 34, call 3 (carry .carry/bins.tar.xz; build = the committed library): the racecheck half
# of tests/sanitize.sh (session 33's call 7 ran its memcheck half: 11 runs, 0 errors), page-run
# pages at each head_dim included; the log goes to $OUT.
O=${OUT:-/tmp/out}; mkdir -p "$O"
[ -e build/test_gpu ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
PA_SANITIZE_TOOLS=racecheck PA_TEST_CASES=10 timeout ${LIMIT:-560} sh tests/sanitize.sh build > "$O/sanitize_rc.log" 2>&1
echo "rc=$?"
grep -E "^== |^!!|SUMMARY|passed, " "$O/sanitize_rc.log" | sed 's/=========//' | tail -60
