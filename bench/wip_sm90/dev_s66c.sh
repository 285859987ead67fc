#!/bin/bash
# Session 66: M94 (the last wave planned for the copy beside the attention, host code of session
# 65) under compute-sanitizer: its pieces and their workspace under memcheck and racecheck, with
# the copy forced beside on 2 blocks and the plan made for 7 SMs (so random shapes take M94's
# plan), at d128 (the default scope), at every head_dim (PA_TEST_SM90_TAIL_BESIDE=2), and with a
# forced split (3 units x 2). Plus the calls' counts (split / copied beside) in each log. ~120 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t66c build/pa-bench
B="PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=2 PA_TEST_SM90_TAIL=7 PA_TEST_LONG_RANGE=0 PA_TEST_VERBOSE=1"
cs="compute-sanitizer --error-exitcode 99"
env $B PA_TEST_HEAD_DIM=128 PA_TEST_CASES=8 PA_TEST_SEED=66301 timeout 240 $cs --tool memcheck build/test_gpu > "$T/mc_beside128.log" 2>&1 &
env $B PA_TEST_SM90_TAIL_BESIDE=2 PA_TEST_CASES=8 PA_TEST_SEED=66302 timeout 240 $cs --tool memcheck build/test_gpu > "$T/mc_beside_all.log" 2>&1 &
env $B PA_TEST_HEAD_DIM=128 PA_TEST_SM90_TAIL_UNITS=3 PA_TEST_SM90_TAIL_SPLITS=2 PA_TEST_CASES=6 PA_TEST_SEED=66303 timeout 240 $cs --tool memcheck build/test_gpu > "$T/mc_forced32.log" 2>&1 &
env $B PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=66304 timeout 240 $cs --tool racecheck build/test_gpu > "$T/rc_beside128.log" 2>&1 &
env $B PA_TEST_SM90_TAIL_BESIDE=2 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=66305 timeout 240 $cs --tool racecheck build/test_gpu > "$T/rc_beside256.log" 2>&1 &
wait
test_summary
for f in "$T"/*.log; do echo "$(basename "$f" .log): $(grep -E 'calls (split|copied beside)' "$f" | tr '\n' ' ')"; done | tee -a "$O/summary.txt"
echo "done $(el)" | tee -a "$O/summary.txt"
cp "$T"/*.log "$O"/ 2>/dev/null
