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
mode_ab PA_SM90_MCAST $B "LIB=0 MC1=1 MC4=4" --dims 128 --causal 0 --pages 8,16,64,100
dev_end logs_s40e
