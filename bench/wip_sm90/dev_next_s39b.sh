#!/bin/bash
# Prepared in session 38 for after dev_next_s39a.sh, only if build_IA passed, never stalled and its
# ncu A/B was flat: SM90_INC_AFTER's default set to 1 in prefill_sm90.cu, build/ rebuilt and packed
# (`(. bench/wip_sm90/mkvariant_lib.sh && pack)`), tests/sanitize.sh's NOSPLIT_DIR dropped from the
# Makefile. Then, over the new library:
#   1. the tests before an integrated run (integrated_checks) and the whole tests/sanitize.sh (memcheck
#      and racecheck, every run on the library's own build; 120 s a run);
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench): RESULTS 2.49. About 9 minutes in all: if the
#      call's limit is near, split it after step 1.
# Session 39: split, PHASE=tests runs step 1, PHASE=bench step 2 (one device call each).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t39b build/pa-bench
if [ "${PHASE:-tests}" = tests ]; then
integrated_checks 39200
wait
test_summary
PA_SANITIZE_TIMEOUT=120 timeout 330 sh tests/sanitize.sh build > "$O/sanitize.log" 2>&1
echo "sanitize.sh: rc=$? $(tail -1 "$O/sanitize.log") ($(el))" | tee -a "$O/summary.txt"
grep -E "^== |SUMMARY|^!!" "$O/sanitize.log" >> "$O/summary.txt"
dev_end logs_s39b
else
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
echo "bench done $(el)" | tee -a "$O/summary.txt"
fi
