#!/bin/bash
# Session 12: is racecheck's report on the gather kernels (12-14 hazards with seed 1222, dev_s12g.sh)
# about the one-lane mbarrier pattern? build_AA (SM90_ALL_ARRIVE=1): every consumer thread arrives on
# the empty barriers (count 256) and every gather producer lane waits on them itself. Same seed.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222"
env $G PA_TEST_HEAD_DIM=128 timeout 150 compute-sanitizer --tool racecheck build_AA/test_gpu > $T/rc_AA_d128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 timeout 150 compute-sanitizer --tool racecheck build_AA/test_gpu > $T/rc_AA_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=40 PA_TEST_SEED=1225 PA_TEST_HEAD_DIM=128 timeout 150 build_AA/test_gpu > $T/AA_gather_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)"; done | tee $O/summary.txt
grep -h "Error: Race" $T/rc_*.log | sed 's/.*at //' | sort | uniq -c | head -20
( cd $T && tar czf "$O/logs.tgz" *.log )
