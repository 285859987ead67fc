#!/bin/bash
# Session 40, M74 (SM90_PAIR_SHARE=1, build_PS): in the d128 PAIR instances with a page table,
# producer warp 0 alone looks up the tile's box pages and hands {slot, page} a lane to warps 1..3
# through M64's shared-memory records (every producer warp looked up the same pages before).
# Predicted: up to ~1 point off d128 pages 8..256 (3.2t: the table loads ~1 point, the producers'
# per-tile work slowing the consumers; M64 gave d128 run pages 1..2 points). Tests: forced sm90 d128
# (40 cases), PAIR pages forced at d128, the last-wave split, racecheck / memcheck at PAIR pages,
# automatic; then ncu A/B of build and build_PS, d128 causal both, PAIR pages and contiguous.
# Carry .carry/bins.tar.xz with build/ and build_PS/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40k build_PS/pa-bench
B=build_PS
P="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128"
env $P PA_TEST_CASES=40 PA_TEST_SEED=41101 timeout 150 $B/test_gpu > "$T/PS_sm90_128.log" 2>&1 &
env $P PA_TEST_PAGES=8,16,24,32,48,64,96,128,256 PA_TEST_CASES=60 PA_TEST_SEED=41102 timeout 150 $B/test_gpu > "$T/PS_pair128.log" 2>&1 &
env $P PA_TEST_PAGES=8,16,48,128 PA_TEST_SM90_TAIL=3 PA_TEST_CASES=40 PA_TEST_SEED=41103 timeout 150 $B/test_gpu > "$T/PS_tail.log" 2>&1 &
env $P PA_TEST_PAGES=8,16,48,128 PA_TEST_CASES=3 PA_TEST_SEED=41104 timeout 150 compute-sanitizer --tool racecheck $B/test_gpu > "$T/PS_rc.log" 2>&1 &
env $P PA_TEST_PAGES=8,16,48,128 PA_TEST_CASES=3 PA_TEST_SEED=41105 timeout 150 compute-sanitizer --tool memcheck $B/test_gpu > "$T/PS_mc.log" 2>&1 &
PA_TEST_SEED=41106 timeout 150 $B/test_gpu > "$T/PS_auto.log" 2>&1 &
wait
test_summary
ab_if_passed "PS_sm90_128 PS_pair128 PS_tail PS_auto" "build build_PS" --dims 128 --pages 8,16,32,48,64,128,256 --causal both
dev_end logs_s40k
