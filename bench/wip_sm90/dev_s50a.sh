#!/bin/bash
# Session 50, call 1: where the rows still over 3% lose their time, per CTA (SM90_TRACE build,
# bench/wip_sm90/trace.py: span = fixed + per-tile fit, first-tile stamps, per-tile step medians):
# d64 causal page 8 (+3.5, non-causal +2.4: a per-CTA cost would explain causal's extra) and 16
# against contiguous; d128 / d256 causal page 100 (RUNS) and page 96 (PAIR, 32-row boxes) against
# contiguous. Then the 13th racecheck run of tests/sanitize.sh (copy beside, forced), cut off by
# the call's limit in session 49.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t50a build/pa-bench
tar xJf .carry/trace.tar.xz || exit 1
export PA_TRACE_NO_COPY=1
for rep in 1 2; do
  PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so timeout 150 python3 bench/wip_sm90/trace.py \
    64:8192:8192:1 64:8192:8192:1:8 64:8192:8192:1:16 64:8192:8192:0 64:8192:8192:0:8 \
    128:8192:8192:1 128:8192:8192:1:100 128:8192:8192:1:96 256:8192:8192:1 256:8192:8192:1:100 \
    2>&1 | grep -v "NumPy\|_conversion" > "$T/trace_$rep.txt"
  echo "trace $rep $(el)" | tee -a "$O/summary.txt"
done
grep -E "^==|per CTA fit|fixed per CTA|steady tile|K tile 0 TMA|wg0 S\(0\) done|K/V full|tile period|CTA end" "$T/trace_1.txt" | tee -a "$O/summary.txt"
s=$(date +%s)
env PA_TEST_VERBOSE=1 PA_TEST_CASES=3 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_PAGES=1,8,100 \
    timeout 250 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/rc_beside.log" 2>&1
echo "racecheck copy beside forced: rc=$? $(( $(date +%s) - s ))s | $(grep -E 'passed, ' "$T/rc_beside.log" | tail -1) | $(grep SUMMARY "$T/rc_beside.log" | tail -1)" | tee -a "$O/summary.txt"
dev_end logs_s50a
cp "$T"/trace_*.txt "$O"/
