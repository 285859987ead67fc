#!/bin/bash
# Prepared in session 12, not run (no device time left). Build first: bash bench/wip_sm90/mkvariants_s13.sh
#   1. racecheck forced gather, seed 1222 (RESULTS 3.1p: 14 hazards at d128), the committed build
#      against SM90_ALL_ARRIVE=1 (build_AA: every consumer thread arrives on the empty barriers,
#      every gather lane waits itself). Hazards gone in build_AA -> racecheck was missing the
#      one-lane chain (decide: keep it, with the reasoning written down, or pay for per-thread
#      arrivals); still there -> look at the pairs again.
#   2. P V from shared memory (SM90_PV_SS, stmatrix + SS wgmma) at d128/d64, with the P V wait
#      where ptxas puts it (build_SS) and below the exponentials (build_SSL, M28's branch): tests
#      forced sm90, racecheck forced sm90 d128 of build_SSL, ncu alternated twice.
#      Hypothesis (NOTES session 12): the late wait lost at d128/d64 because the register-sourced
#      P V and the softmax compete for the register file; with P in shared memory it should not.
#   3. SM90_TREE_MAX (build_TM): the row maximum as a tree of FMNMX (5 levels) instead of a chain of
#      17 per row, shortening the serial prefix before the first exponential (d64/d128: ~50 cycles
#      a tile and warpgroup by the SASS). Tests and the same ncu A/B.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222"
env $G PA_TEST_HEAD_DIM=128 timeout 150 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_base_gather_d128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=128 timeout 150 compute-sanitizer --tool racecheck build_AA/test_gpu > $T/rc_AA_gather_d128.log 2>&1 &
env $G PA_TEST_HEAD_DIM=256 timeout 150 compute-sanitizer --tool racecheck build_AA/test_gpu > $T/rc_AA_gather_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=1231 timeout 150 compute-sanitizer --tool racecheck build_SSL/test_gpu > $T/rc_SSL_sm90_d128.log 2>&1 &
for v in build_SS build_SSL build_TM; do for d in 128 64; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=100 PA_TEST_SEED=1232 timeout 150 $v/test_gpu > $T/${v}_sm90_d$d.log 2>&1 &
done; done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=1233 timeout 150 build_SSL/test_gpu > $T/build_SSL_gather_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do for v in build build_SS build_SSL build_TM; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 128:8192:8192:1 64:8192:8192:1 256:8192:8192 > $T/ncu_${v}_$pass.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_${v}_$pass.txt)" | tee -a "$T/ab.txt"
done; done
( cd $T && tar czf "$O/logs.tgz" * )
echo "ncu ms: d128 d64 d128c d64c d256"; cat $T/ab.txt
echo "total $(el)"
