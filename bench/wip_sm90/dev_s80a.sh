#!/bin/bash
# Session 80, call a: M109, the copy on first read (SM90_FT=1 build, build_ft; with
# SM90_RUN_TABLE_D256=1 so that d256 reads its page runs through the table too). First GPU run.
# .carry/bins.tar.xz: build/{test_gpu,test_threads,pa-bench,libpagedattn.so} (the library) and
# build_ft/{test_gpu,pa-bench}.
# 1. tests at once: forced sm90 with PA_TEST_SM90_FT=1 at d128 / d256 (default pages and the run
#    pages), last-wave pieces on a 7-SM model, bad page ids with the copy kept, memcheck, automatic.
# 2. pa-bench with its check at 8k (d128 causal 9 / 13, d256 non-causal 17, causal 33).
# 3. if all pass: paired rows, ROUNDS rounds: lib (build), ft (build_ft --ft 1), ft0 (build_ft without).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t80a build_ft/pa-bench
B=build_ft
P="PA_TEST_PAGES=9,10,12,13,17,33,50,77,100,127"
for d in 128 256; do
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_FT=1 $P PA_TEST_CASES=40 PA_TEST_SEED=$((80000 + d)) \
        timeout 150 $B/test_gpu > "$T/ft_$d.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_FT=1 PA_TEST_CASES=40 PA_TEST_SEED=$((80010 + d)) \
        timeout 150 $B/test_gpu > "$T/ftdef_$d.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_FT=1 $P PA_TEST_SM90_TAIL=7 PA_TEST_CASES=30 PA_TEST_SEED=$((80020 + d)) \
        timeout 150 $B/test_gpu > "$T/fttail_$d.log" 2>&1 &
    env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_SM90_FT=1 $P PA_TEST_BAD_KEEP_COPY=1 PA_TEST_CASES=25 PA_TEST_SEED=$((80030 + d)) \
        timeout 150 $B/test_gpu > "$T/ftbad_$d.log" 2>&1 &
done
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_SM90_FT=1 PA_TEST_PAGES=9,13,100 PA_TEST_CASES=3 PA_TEST_SEED=80041 PA_TEST_LONG_RANGE=0 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/ftmc_128.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_SM90_FT=1 PA_TEST_PAGES=9,33,100 PA_TEST_CASES=3 PA_TEST_SEED=80042 PA_TEST_LONG_RANGE=0 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/ftmc_256.log" 2>&1 &
env PA_TEST_SM90_FT=1 PA_TEST_CASES=40 PA_TEST_SEED=80050 timeout 150 $B/test_gpu > "$T/ftauto.log" 2>&1 &
wait
test_summary
grep -H "copy on first read" "$T"/ft*.log | tee -a "$O/summary.txt"
ok=1
for f in ft_128 ft_256 ftdef_128 ftdef_256 fttail_128 fttail_256 ftbad_128 ftbad_256 ftauto; do grep -q " 0 failed" "$T/$f.log" || { ok=0; echo "NOT PASSED: $f" | tee -a "$O/summary.txt"; }; done
for f in ftmc_128 ftmc_256; do grep -q "ERROR SUMMARY: 0 errors" "$T/$f.log" || { ok=0; echo "MEMCHECK: $f" | tee -a "$O/summary.txt"; }; done
# the check at the benchmark's shape (pa-bench compares each paged result with its contiguous one)
$B/pa-bench --prefill-only --table frag --iters 2 --dims 128 --causal 1 --pages 9,13 --ft 1 > "$T/chk1.txt" 2>&1 || ok=0
$B/pa-bench --prefill-only --table frag --iters 2 --dims 256 --causal 0 --pages 17 --ft 1 > "$T/chk2.txt" 2>&1 || ok=0
$B/pa-bench --prefill-only --table frag --iters 2 --dims 256 --causal 1 --pages 33 --ft 1 > "$T/chk3.txt" 2>&1 || ok=0
grep -h "fail\|FAIL\|first read\|mismatch" "$T"/chk*.txt | tee -a "$O/summary.txt"
echo "checks ok=$ok $(el)" | tee -a "$O/summary.txt"
if [ $ok = 1 ] && [ -z "$SKIPBENCH" ]; then
    for r in $(seq 1 "${ROUNDS:-2}"); do
        for spec in "128 1 9,10,11,12,13,15" "256 1 9,17,33,50,77,100" "256 0 9,17,33,50" "128 0 9,12,100"; do
            set -- $spec
            A="--prefill-only --table frag --no-check --iters 10 --dims $1 --causal $2 --pages $3"
            build/pa-bench $A 2>&1 | pa_row lib > /dev/null
            $B/pa-bench $A --ft 1 2>&1 | tee "$T/ft_$1_$2_$r.txt" | pa_row ft > /dev/null
            grep -q "copy on first read" "$T/ft_$1_$2_$r.txt" || echo "NOT TAKEN: ft d$1 c$2 round $r" | tee -a "$O/summary.txt"
            $B/pa-bench $A 2>&1 | pa_row ft0 > /dev/null
        done
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib ft ft0"
fi
dev_end logs_s80a
