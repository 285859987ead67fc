#!/bin/bash
# Builds (M73 left the source): git apply bench/wip_sm90/mcast.patch, then mkvariant_lib.sh's mk with
#   -DSM90_MCAST=1 -DSM90_MC_ARRIVE=1 (the form these calls ran), and pack them.
# Session 40, M73 (SM90_MCAST=1, build_MC): the d128 TMA kernels in 2-CTA clusters along the query
# blocks, K's boxes issued by rank 0 and V's by rank 1, each multicast into both CTAs; the empty
# barriers count both CTAs' consumers (remote arrivals). PA_SM90_MCAST=1 turns it on at run time
# (non-causal d128 TMA calls with an even number of query blocks), so one binary times both.
# Carry .carry/bins.tar.xz with build/ and build_MC/.
#   1. build_MC's tests with PA_SM90_MCAST=1: forced sm90 d128 (60 cases), the TMA pages forced
#      (60), the last-wave split with a small SM count (odd tail starts), automatic, memcheck;
#      and forced sm90 d128 with PA_SM90_MCAST=0 (the build's other path);
#   2. pa-bench (sampled rows checked against the double reference) at d128 non-causal, both
#      settings, unlocked clocks;
#   3. if the tests passed: ncu A/B (PA_SM90_MCAST 0 / 1 alternated, 2 passes) at d128 non-causal,
#      pages 8 / 16 / 48 / 64 / 100 / 128 / 256 / 672 and contiguous.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40a build_MC/pa-bench
B=build_MC
M="PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128"
env $M PA_TEST_CASES=60 PA_TEST_SEED=40101 timeout 150 $B/test_gpu > "$T/MC_sm90_128.log" 2>&1 &
env $M PA_TEST_PAGES=8,16,24,32,48,64,96,100,101,128,256,672 PA_TEST_CASES=60 PA_TEST_SEED=40102 timeout 150 $B/test_gpu \
    > "$T/MC_pages.log" 2>&1 &
env $M PA_TEST_PAGES=8,16,100,128 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=40103 timeout 150 $B/test_gpu \
    > "$T/MC_tail.log" 2>&1 &
env PA_SM90_MCAST=1 PA_TEST_SEED=40104 timeout 150 $B/test_gpu > "$T/MC_auto.log" 2>&1 &
env $M PA_TEST_PAGES=8,16,100 PA_TEST_CASES=3 PA_TEST_SEED=40105 timeout 150 compute-sanitizer --tool memcheck $B/test_gpu \
    > "$T/MC_mc.log" 2>&1 &
env PA_SM90_MCAST=0 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40106 timeout 150 $B/test_gpu \
    > "$T/MC0_sm90_128.log" 2>&1 &
wait
test_summary
grep -h "2-CTA clusters" "$T"/MC_*.log | tee -a "$O/summary.txt"
for v in 0 1; do
    PA_SM90_MCAST=$v timeout 120 $B/pa-bench --prefill-only --dims 128 --causal 0 --pages 8,16,48,100,128 \
        > "$T/bench_mc$v.txt" 2>&1
    echo "pa-bench PA_SM90_MCAST=$v rc $? $(el)" | tee -a "$O/summary.txt"
    tail -9 "$T/bench_mc$v.txt" | tee -a "$O/summary.txt"
done
ok=1
for f in MC_sm90_128 MC_pages MC_tail MC_auto MC0_sm90_128; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
if [ $ok = 1 ]; then
    for pass in 1 2; do
        for v in 0 1; do
            PA_SM90_MCAST=$v timeout 100 python3 bench/pa_ncu.py --pa $B/pa-bench --dims 128 --causal 0 \
                --pages 8,16,48,64,100,128,256,672 --out "$T/h_MC$v"_$pass > "$T/h_MC${v}_$pass.txt" 2>&1
        done
        echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
    done
    python3 bench/wip_sm90/ab_table.py "$T" h MC0 MC1 | tee -a "$O/summary.txt"
    for v in 0 1; do echo "MC$v overheads:"; grep -h "^ *128" "$T/h_MC${v}_1.txt" "$T/h_MC${v}_2.txt"; done | tee -a "$O/summary.txt"
else
    echo "tests failed or hung: no A/B" | tee -a "$O/summary.txt"
fi
dev_end logs_s40a
