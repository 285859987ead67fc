#!/bin/bash
# Session 80, call c: K's ring 3 stages deep in the 128-key d128 TMA instances (build_k3,
# SM90_KSTAGES_T128=3; V keeps 2). Call b's mode 4 (one extra L2 round trip a tile in the producers)
# cost d128 causal pages 9..15 +12..24 points: the page-run producers there look latency-bound, which a
# deeper K ring would hide. (M31 found a third K stage no help, before the run table, at other pages.)
# .carry/bins.tar.xz: build/{test_gpu,pa-bench} (library), build_k3/{test_gpu,pa-bench}.
# 1. tests: build_k3 forced sm90 d128 on the default pages and on 9..16 / 100, memcheck, automatic.
# 2. rows, ROUNDS rounds: d128 causal pages 9..16, 100: lib / k3, and both in place (--kv-copy-limit 0:
#    at 9..11 the library copies beside); the contiguous rows of each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t80c build_k3/pa-bench
B=build_k3
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=80101 timeout 150 $B/test_gpu > "$T/k3_def.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,10,11,12,13,14,15,16,100 PA_TEST_CASES=40 PA_TEST_SEED=80102 timeout 150 $B/test_gpu > "$T/k3_pages.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,13,100 PA_TEST_CASES=3 PA_TEST_SEED=80103 PA_TEST_LONG_RANGE=0 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 $B/test_gpu > "$T/k3_mc.log" 2>&1 &
env PA_TEST_CASES=40 PA_TEST_SEED=80104 timeout 150 $B/test_gpu > "$T/k3_auto.log" 2>&1 &
wait
test_summary
ok=1
for f in k3_def k3_pages k3_auto; do grep -q " 0 failed" "$T/$f.log" || { ok=0; echo "NOT PASSED: $f" | tee -a "$O/summary.txt"; }; done
grep -q "ERROR SUMMARY: 0 errors" "$T/k3_mc.log" || { ok=0; echo "MEMCHECK: k3_mc" | tee -a "$O/summary.txt"; }
if [ $ok = 1 ]; then
    for r in $(seq 1 "${ROUNDS:-2}"); do
        A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages 9,10,11,12,13,14,15,16,100"
        build/pa-bench $A 2>&1 | tee "$T/lib_$r.txt" | pa_row lib > /dev/null
        $B/pa-bench $A 2>&1 | tee "$T/k3_$r.txt" | pa_row k3 > /dev/null
        build/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row libip > /dev/null
        $B/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row k3ip > /dev/null
        grep -h " none " "$T/lib_$r.txt" "$T/k3_$r.txt" | sed "s/^/contig r$r /" | tee -a "$O/summary.txt"
        echo "round $r $(el)" | tee -a "$O/summary.txt"
    done
    paired_table "lib k3 libip k3ip"
fi
dev_end logs_s80c
