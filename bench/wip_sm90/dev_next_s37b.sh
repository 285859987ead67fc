#!/bin/bash
# Session 37, call 2 (carry .carry/bins.tar.xz: build/, build_AW0/, build_WW1/). Call 1: the
# racecheck stall needs neither d64's third consumer warpgroup nor the early exit of panel warps 1 / 3
# (library 4 of 10, PD0 3 of 10, WG2 3 of 10, all at contiguous case 0). d64 is the one head_dim whose
# TMA producers all wait per lane on the empty barriers with no warp-vote exit (M65 on, M68 off), and
# no d64 TMA racecheck run has finished since M65 (session 30). build_AW0: -DSM90_PROD_ALLWAIT_D64=0
# (lane 0 waits, __syncwarp); build_WW1: -DSM90_PROD_WAITWARP_D64=1 (every lane waits, warp-vote exit).
# Rounds interleaved, 22 s a run; forced sm90 tests of both at d64 first.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t37b build_WW1/test_gpu
for v in build_AW0 build_WW1; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=12 PA_TEST_SEED=3701 timeout 150 "$v/test_gpu" > "$T/${v}_sm90_64.log" 2>&1 &
done
wait
for v in build_AW0 build_WW1; do echo "$v forced sm90 d64: $(tail -1 "$T/${v}_sm90_64.log")" | tee -a "$O/summary.txt"; done
RC_STOP=470 d64_rc_rounds "build_AW0 build_WW1" 7 22 rc
echo "racecheck rounds $(el)" | tee -a "$O/summary.txt"
grep -c "rc=0" "$O/summary.txt" | sed 's/^/runs with rc=0: /'
dev_end logs_s37b
