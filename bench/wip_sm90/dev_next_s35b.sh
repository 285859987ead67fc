#!/bin/bash
# Session 35, call 2 (carry .carry/bins.tar.xz: build/ and build_WD/, -DSM90_WATCHDOG). Call 1 found
# the case racecheck stalls on in tests/sanitize.sh's d64 runs (seed 1, twice, alone on the GPU):
# "contiguous case 0", bf16 d64, 64 query rows over 1 key (the d64 TMA PAIR kernel, one tile that
# holds the sequence end); the same run passed in 12 s when 4 other sanitizer runs shared the GPU.
#   1. that case alone under racecheck (PA_TEST_CONTIGUOUS=0), committed build, 60 s: does it stall alone?
#   2. the same with build_WD: each mbarrier wait gives up after 10 s and a watchdog warp after 12 s,
#      printing every warp's last synchronization point (sm90_ptx.cuh, SM90_WATCHDOG)
#   3. the case 5000 times without a sanitizer (committed build): does it ever stall for real?
#   4. synccheck and memcheck of the case, and racecheck of case 0 at d128 (same shape, 2 warpgroups)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t35b build_WD/test_gpu
compute-sanitizer --version | tail -1 > "$T/version.txt"
C="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CONTIGUOUS=0 PA_TEST_SEED=1"
run1() {   # run1 NAME TIMEOUT CMD...
    local n=$1 to=$2; shift 2
    local s=$(date +%s)
    env $C PA_TEST_VERBOSE=1 timeout $to "$@" > "$T/$n.log" 2>&1
    echo "rc=$? $(( $(date +%s) - s ))s" >> "$T/$n.log"
    echo "$n: $(grep -E 'SUMMARY' "$T/$n.log" | tail -1 | sed 's/=========//g') | $(grep -E 'passed, ' "$T/$n.log" | tail -1) | $(tail -1 "$T/$n.log")" | tee -a "$O/summary.txt"
}
run1 rc_build 60 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu
run1 rc_wd 60 compute-sanitizer --tool racecheck --error-exitcode 99 build_WD/test_gpu
grep "\[wd\]" "$T/rc_wd.log" | head -60
s=$(date +%s); env $C PA_TEST_VERBOSE=1 PA_TEST_REPEAT=5000 timeout 150 build/test_gpu > "$T/stress.log" 2>&1
echo "stress: rc=$? $(( $(date +%s) - s ))s $(tail -1 "$T/stress.log") | last run: $(grep "^\[test_gpu" "$T/stress.log" | tail -1 | cut -c1-60)" | tee -a "$O/summary.txt"
run1 sc_build 60 compute-sanitizer --tool synccheck --error-exitcode 99 build/test_gpu
run1 mc_build 60 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu
C="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CONTIGUOUS=0 PA_TEST_SEED=1" run1 rc_d128 60 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu
dev_end logs_s35b
