#!/bin/bash
# Session 15, call 7 (the last ~170 s of device time, a hint only): DEFER (call 6: +12..14% at
# d128 with 2 stages, where the deferred K arrival waits on the next stage's release) with a
# 3-stage ring at d128 (build_DF3: SM90_STAGES_D128=3, the TMA kernels too): forced-gather tests
# and racecheck, then ncu d128 page 1, alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
tar xJf .carry/bins.tar.xz || exit 1
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
env $G PA_TEST_CASES=60 PA_TEST_SEED=1531 PA_TEST_HEAD_DIM=128 timeout 60 build_DF3/test_gpu > $T/t_DF3.log 2>&1 &
env $G PA_TEST_CASES=2 PA_TEST_SEED=1532 PA_TEST_HEAD_DIM=128 timeout 60 compute-sanitizer --tool racecheck build_DF3/test_gpu > $T/rc_DF3.log 2>&1 &
wait
for pass in 1 2; do for v in build build_DF3; do
  timeout 30 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
done; done
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1) $(tail -1 $f)"; done | tee $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T g build build_DF3 | tee -a $O/summary.txt
