#!/bin/bash
# Session 16, call 4: L2 prefetch ahead of the loads (bench/wip_sm90/mkvariants_s16c.sh).
# Call 3's profiles (d256 sq 2048 sk 8192): the contiguous non-causal kernel's consumers wait on K's
# full barrier for 9.5% of their samples, causal 5.4%, the gather ~8.4% both: the contiguous
# non-causal CTAs, which walk the same keys in step, wait on memory; the gather waits for every
# copy of a tile (the slowest row) each tile. Builds: PFT1 / PFT2 (TMA kernels on a contiguous
# cache prefetch tile it + 1 / it + 2 into L2), PFG (the gather prefetches the next tile's rows).
# Tests of each changed path, then ncu at locked clocks alternated twice: contiguous and pages
# 1 / 4 at every head_dim, causal both.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=40 PA_TEST_SEED=1611 PA_TEST_HEAD_DIM=$d timeout 120 build_PFT2/test_gpu > $T/t_PFT2_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=40 PA_TEST_SEED=1612 PA_TEST_HEAD_DIM=$d timeout 120 build_PFG/test_gpu > $T/t_PFG_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=20 PA_TEST_SEED=1613 PA_TEST_HEAD_DIM=$d timeout 120 build_PFG/test_gpu > $T/t_PFG_wide_d$d.log 2>&1 &
done
wait
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1614 PA_TEST_HEAD_DIM=128 timeout 120 compute-sanitizer --tool memcheck build_PFG/test_gpu > $T/mc_PFG_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1615 PA_TEST_HEAD_DIM=256 timeout 120 compute-sanitizer --tool memcheck build_PFT2/test_gpu > $T/mc_PFT2_d256.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_PFT1 build_PFT2 build_PFG; do
    timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,4 --causal both --out $T/p_${v}_$pass > $T/p_${v}_$pass.txt 2>&1
  done
  echo "pass $pass $(el)" | tee -a $O/summary.txt
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T p build build_PFT1 build_PFT2 build_PFG | tee -a $O/summary.txt
echo "total $(el)"
