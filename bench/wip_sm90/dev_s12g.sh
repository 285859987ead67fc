#!/bin/bash
# Session 12: racecheck of the forced gather at d256 reported 12 hazards (dev_s12f.sh): consumers'
# zeroing of V rows past the sequence end (prefill_sm90.cu:791) against the gather's cp.async.
# Same seed on the pre-M28 d256 code (build_L0, SASS identical to ffa38c8^) and the committed build,
# and the committed build at d128 / d64 for reference.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222"
env $G PA_TEST_HEAD_DIM=256 timeout 200 compute-sanitizer --tool racecheck build_L0/test_gpu > $T/rc_L0_d256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_d256.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_d128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)"; done | tee $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" *.log )
