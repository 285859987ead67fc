#!/bin/bash
# Session 69: the run table under the last-wave split (TAIL instances) and the sanitizers, on the
# committed build (faf67a7, SASS 37715b41): forced sm90 with PA_TEST_SM90_TAIL=3 (a 3-SM tail plan, so
# that random cases split) at d128 on run and PAIR pages and at d64 on run pages; racecheck and
# memcheck of the same at d128 pages 8 / 100, memcheck (tail) and racecheck at d64 pages 44 / 100.
# (test_gpu's bad-page cases, bad ids in the table with validation off, run in every one of these.)
# (its sanitizer runs are dev_lib.sh's san since after the call ran: the same runs)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69h /nonexistent
for d in 64 128; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,44,48,100,127 PA_TEST_CASES=60 PA_TEST_SEED=$((69060 + d)) \
        timeout 100 build/test_gpu > "$T/tail_$d.log" 2>&1 &
done
san racecheck build 128 8,100 3 69061 rc_tail_128 150 PA_TEST_SM90_TAIL=3
san memcheck build 128 8,100 3 69062 mc_tail_128 150 PA_TEST_SM90_TAIL=3
san memcheck build 64 100,44 3 69063 mc_64 150 PA_TEST_SM90_TAIL=3
san racecheck build 64 100,44 3 69064 rc_64 150
wait
test_summary
grep -h "tail\|split" "$T"/tail_128.log | head -3
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69h
