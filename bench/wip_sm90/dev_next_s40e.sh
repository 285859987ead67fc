#!/bin/bash
# Builds (M73 left the source): git apply bench/wip_sm90/mcast.patch, then mkvariant_lib.sh's mk with
#   -DSM90_MCAST=1 (build_MC), and pack them.
# Session 40, M73 mode 4 (s40d: multicast with K by rank 0 and V by rank 1 +0.0..1.4%, i.e. halving
# the L2 reads and each CTA's TMA work does not move the paged rows): each tensor's boxes split
# between the ranks (PAIR: lane parity; plain layout: panel warp pnl from rank pnl), so a tile's
# last box is issued about twice as early. Tests of mode 4 (forced sm90 d128, the TMA pages,
# racecheck), then ncu of the library (build_MC at 0) against modes 1 and 4, 2 passes, d128
# non-causal pages 8 / 16 / 64 / 100 and contiguous. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40e build_MC/pa-bench
B=build_MC
env PA_SM90_MCAST=4 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=40501 timeout 150 \
    $B/test_gpu > "$T/MC4_sm90_128.log" 2>&1 &
env PA_SM90_MCAST=4 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,44,64,100,101,128 PA_TEST_CASES=40 \
    PA_TEST_SEED=40502 timeout 150 $B/test_gpu > "$T/MC4_pages.log" 2>&1 &
env PA_SM90_MCAST=4 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=8,16,100 PA_TEST_CASES=3 PA_TEST_SEED=40503 timeout 150 \
    compute-sanitizer --tool racecheck $B/test_gpu > "$T/MC4_rc.log" 2>&1 &
wait
test_summary
grep -h "2-CTA clusters" "$T"/MC4*.log | tee -a "$O/summary.txt"
run_one() {   # LABEL MODE PASS
    PA_SM90_MCAST=$2 timeout 100 python3 bench/pa_ncu.py --pa $B/pa-bench --dims 128 --causal 0 \
        --pages 8,16,64,100 --out "$T/h_$1_$3" > "$T/h_$1_$3.txt" 2>&1
}
for pass in 1 2; do
    run_one LIB 0 $pass
    run_one MC1 1 $pass
    run_one MC4 4 $pass
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" h LIB MC1 MC4 | tee -a "$O/summary.txt"
for v in LIB MC4; do echo "$v overheads:"; grep -h "^ *128" "$T/h_${v}_1.txt" "$T/h_${v}_2.txt"; done | tee -a "$O/summary.txt"
dev_end logs_s40e
