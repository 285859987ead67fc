#!/bin/bash
# Builds (M73 left the source): git apply bench/wip_sm90/mcast.patch, then mkvariant_lib.sh's mk with
#   -DSM90_MCAST=1 (build_MC), -DSM90_MCAST=1 -DSM90_MC_ARRIVE=2 (build_MR), and pack them.
# Session 40, M73 once more: s40b / s40c's remote arrivals were mbarrier.arrive.release.cluster,
# which ptxas compiles with a MEMBAR.ALL.GPU before each (4 in the consumers' loop). build_MC now
# uses the default semantics (release at cta scope, CUTLASS's cluster-barrier form: no MEMBAR in
# the loop), build_MR .relaxed.cluster. Tests of both with multicast on, then ncu of the library
# (build_MC at PA_SM90_MCAST=0) against MC modes 1 / 2 / 3 and MR mode 1, 2 passes, d128
# non-causal pages 8 / 16 / 100 and contiguous. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40d build_MR/pa-bench
for B in build_MC build_MR; do
    env PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40401 timeout 150 \
        $B/test_gpu > "$T/${B}_1_sm90_128.log" 2>&1 &
    env PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,44,100,101,128 PA_TEST_CASES=40 \
        PA_TEST_SEED=40402 timeout 150 $B/test_gpu > "$T/${B}_1_pages.log" 2>&1 &
done
env PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,100 PA_TEST_CASES=3 PA_TEST_SEED=40403 timeout 150 \
    compute-sanitizer --tool racecheck build_MC/test_gpu > "$T/MC_rc.log" 2>&1 &
wait
test_summary
run_one() {   # LABEL BUILD MODE PASS
    PA_SM90_MCAST=$3 timeout 100 python3 bench/pa_ncu.py --pa $2/pa-bench --dims 128 --causal 0 \
        --pages 8,16,100 --out "$T/h_$1_$4" > "$T/h_$1_$4.txt" 2>&1
}
for pass in 1 2; do
    run_one LIB build_MC 0 $pass
    run_one MC1 build_MC 1 $pass
    run_one MC2 build_MC 2 $pass
    run_one MC3 build_MC 3 $pass
    run_one MR1 build_MR 1 $pass
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" h LIB MC1 MC2 MC3 MR1 | tee -a "$O/summary.txt"
for v in LIB MC1 MR1; do echo "$v overheads:"; grep -h "^ *128" "$T/h_${v}_1.txt" "$T/h_${v}_2.txt"; done | tee -a "$O/summary.txt"
dev_end logs_s40d
