#!/bin/bash
# Session 38, call 4 (carry .carry: build/ and build_NS = -DSM90_NO_SETMAXNREG): tests/sanitize.sh's
# racecheck half as `make test-sanitize` now runs it, every racecheck run on the build without the
# register split (call 3: racecheck stalled the d256 page-run run on the library's build too).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t38d build_NS/test_gpu
PA_SANITIZE_TOOLS=racecheck PA_SANITIZE_TIMEOUT=60 timeout 290 sh tests/sanitize.sh build build_NS > "$O/sanitize_racecheck.log" 2>&1
echo "sanitize.sh racecheck half on build_NS: rc=$? $(tail -1 "$O/sanitize_racecheck.log") ($(el))" | tee -a "$O/summary.txt"
grep -E "^== |SUMMARY|^!!|passed, " "$O/sanitize_racecheck.log" | tee -a "$O/summary.txt"
dev_end logs_s38d
