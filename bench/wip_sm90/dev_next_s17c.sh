#!/bin/bash
# Prepared in session 16, not run. Build first: bash bench/wip_sm90/mkvariants_s17c.sh
# Suspend-time hints on the mbarrier waits (see mkvariants_s17c.sh). Quick tests, then ncu at
# locked clocks alternated twice: contiguous at every head_dim, causal both, pages 1 and 8 at
# d128 (~4 min). If a hint helps the contiguous d128 / d64 kernels, time it against cuDNN with
# bench/interleaved.py (PAGEDATTN_LIBRARY=build_X/libpagedattn.so; pack that file too).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for v in PW200 PW2000 CW200 PCW; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=30 PA_TEST_SEED=1711 timeout 120 build_$v/test_gpu > $T/t_${v}.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=30 PA_TEST_SEED=1712 timeout 120 build_$v/test_gpu > $T/t_${v}_gather.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_PW200 build_PW2000 build_CW200 build_PCW; do
    timeout 90 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 8 --causal both --out $T/w_${v}_$pass > $T/w_${v}_$pass.txt 2>&1
  done
  for v in build build_PW200 build_PW2000 build_CW200 build_PCW; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1 --causal 0 --out $T/x_${v}_$pass > $T/x_${v}_$pass.txt 2>&1
  done
  echo "pass $pass $(el)" | tee -a $O/summary.txt
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T w build build_PW200 build_PW2000 build_CW200 build_PCW | tee -a $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T x build build_PW200 build_PW2000 build_CW200 build_PCW | tee -a $O/summary.txt
echo "total $(el)"
