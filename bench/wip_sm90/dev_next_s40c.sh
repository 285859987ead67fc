#!/bin/bash
# Builds (M73 left the source): git apply bench/wip_sm90/mcast.patch, then mkvariant_lib.sh's mk with
#   -DSM90_MCAST=1 -DSM90_MC_ARRIVE=1 -DSM90_STAGES_D128=3 -DSM90_WIDE_ALL=0 -DSM90_PLAN_RING=3 (build_MS3), and pack them.
# Session 40, M73 with a deeper ring: s40b put M73's +19..21% on the coupling of the two CTAs'
# rings (coupled barriers alone +24..27%, the cluster launch alone +0.1..0.2%). build_MS3: the d128
# TMA kernels on 128-key tiles (SM90_WIDE_ALL=0) with 3 stages (SM90_STAGES_D128=3, plan ring 3 to
# fit 227 KB), SM90_MCAST=1. Tests of MS3 with multicast and without, then ncu of the library
# (build_MC, PA_SM90_MCAST=0) against MS3 at modes 0 (3 stages alone), 1 (multicast), 2 (coupled
# alone), 2 passes, d128 non-causal pages 8 / 16 / 100 and contiguous. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40c build_MS3/pa-bench
B=build_MS3
env PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40301 timeout 150 \
    $B/test_gpu > "$T/MS3_1_sm90_128.log" 2>&1 &
env PA_SM90_MCAST=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,44,100,101,128 PA_TEST_CASES=40 \
    PA_TEST_SEED=40302 timeout 150 $B/test_gpu > "$T/MS3_1_pages.log" 2>&1 &
env PA_SM90_MCAST=0 PA_TEST_KERNEL=sm90 PA_TEST_CASES=40 PA_TEST_SEED=40303 timeout 150 $B/test_gpu > "$T/MS3_0_sm90.log" 2>&1 &
wait
test_summary
grep -h "2-CTA clusters" "$T"/MS3*.log | tee -a "$O/summary.txt"
run_one() {   # LABEL BUILD MODE PASS
    PA_SM90_MCAST=$3 timeout 100 python3 bench/pa_ncu.py --pa $2/pa-bench --dims 128 --causal 0 \
        --pages 8,16,100 --out "$T/h_$1_$4" > "$T/h_$1_$4.txt" 2>&1
}
for pass in 1 2; do
    run_one LIB build_MC 0 $pass
    run_one S3 $B 0 $pass
    run_one S3MC $B 1 $pass
    run_one S3CP $B 2 $pass
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" h LIB S3 S3MC S3CP | tee -a "$O/summary.txt"
for v in LIB S3 S3MC; do echo "$v overheads:"; grep -h "^ *128" "$T/h_${v}_1.txt" "$T/h_${v}_2.txt"; done | tee -a "$O/summary.txt"
dev_end logs_s40c
