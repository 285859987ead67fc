#!/bin/bash
# Session 18: the last wave split over the keys (M39). Build here first (make -j16 of build/ is
# carried as .carry/bins.tar.xz with build_OLD = commit ac9146a's test_gpu, pa-bench, .so).
# 1. tests of the new build: forced sm90 with the split planned for 3 SMs (PA_TEST_SM90_TAIL=3) at
#    each head_dim, forced gather with it at d128/d256, automatic, memcheck and racecheck with it;
# 2. ncu A/B (locked clocks, combine and pieces added to their call) build_OLD against build, d64/128/256,
#    contiguous, page 16 and page 1 (gather), causal both (causal: no split, rescheduled-code control);
# 3. interleaved against cuDNN, both builds, d128/d64/d256.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=1821 timeout 120 build/test_gpu > $T/t_tail_d$d.log 2>&1 &
done
for d in 128 256; do
  PA_TEST_SM90_TAIL=5 PA_TEST_SM90_GATHER=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=1822 timeout 120 build/test_gpu > $T/t_tailg_d$d.log 2>&1 &
done
PA_TEST_CASES=60 PA_TEST_SEED=1823 timeout 120 build/test_gpu > $T/t_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=40 PA_TEST_SEED=1824 timeout 120 build/test_gpu > $T/t_sm90.log 2>&1 &
PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=4 PA_TEST_SEED=1825 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_tail_d128.log 2>&1 &
PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=1826 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_tail_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(grep 'split their last wave' $f | sed 's/.test_gpu. //') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build_OLD build; do
    timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64,128,256 --pages 1,16 --causal both --out $T/n_${v}_$pass > $T/n_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T n build_OLD build | tee -a $O/summary.txt
for v in build build_OLD; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,64,256 --out $T/i_$v > $T/i_$v.txt 2>&1
done
grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
