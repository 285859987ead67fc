#!/bin/bash
# Session 15, call 6: the gather's arrivals deferred by one tile (SM90_GATHER_DEFER_D<D>): each
# copying thread issues tile j's copies, then waits for tile j-1's (cp.async.wait_group 1),
# fences and arrives for j-1, so two tiles' copies are in flight per warp instead of one.
# build_DF: d128 and d256; build_DFa: also d64 (with the fence moved to the copying threads there).
# Racecheck, memcheck and forced-gather tests (32- and 64-bit offsets), then ncu at locked clocks,
# alternated twice, pages 1 and 4 at three head_dims, causal both, against the committed build/.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for v in DF DFa; do
  for d in 64 128 256; do
    [ $v = DF ] && [ $d = 64 ] && continue
    [ $v = DFa ] && [ $d != 64 ] && continue
    env $G PA_TEST_CASES=3 PA_TEST_SEED=1521 PA_TEST_HEAD_DIM=$d timeout 150 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
    env $G PA_TEST_CASES=80 PA_TEST_SEED=1522 PA_TEST_HEAD_DIM=$d timeout 150 build_$v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
    env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1523 PA_TEST_HEAD_DIM=$d timeout 150 build_$v/test_gpu > $T/t_${v}_gather_wide_d$d.log 2>&1 &
  done
done
env $G PA_TEST_CASES=4 PA_TEST_SEED=1524 PA_TEST_HEAD_DIM=256 timeout 150 compute-sanitizer --tool memcheck build_DF/test_gpu > $T/mc_DF_gather_d256.log 2>&1 &
env $G PA_TEST_CASES=4 PA_TEST_SEED=1524 PA_TEST_HEAD_DIM=64 timeout 150 compute-sanitizer --tool memcheck build_DFa/test_gpu > $T/mc_DFa_gather_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_DF build_DFa; do
    timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256,128,64 --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_DF build_DFa | tee -a $O/summary.txt
echo "total $(el)"
