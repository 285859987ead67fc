#!/bin/bash
# Prepared in session 18: the d64 alignment question (mkvariants_s19b.sh). ~2.5 min.
# ncu at locked clocks, d64 contiguous and page 16, causal both (causal never splits: the layout
# alone), builds alternated twice; T6's tests with the split forced at d64; interleaved d64 for
# build and T6. Predicted if alignment is the cause: P12 ~+2.9% like T0's causal row, T6 at the
# committed build's causal speed and ~3% faster non-causal.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t2; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_T6/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=60 PA_TEST_SEED=1911 timeout 120 build_T6/test_gpu > $T/t_t6_d64.log 2>&1 &
PA_TEST_SM90_TAIL=5 PA_TEST_SM90_GATHER=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=40 PA_TEST_SEED=1912 timeout 120 build_T6/test_gpu > $T/t_t6g_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep 'split their last wave' $f | sed 's/.test_gpu. //') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_P8 build_P12 build_P16 build_T0 build_T6; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 16 --causal both --out $T/a_${v}_$pass > $T/a_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T a build build_P8 build_P12 build_P16 build_T0 build_T6 | tee -a $O/summary.txt
for v in build_T6 build; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 64 --out $T/i_$v > $T/i_$v.txt 2>&1
done
grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s19b.tgz" * )
echo "total $(el)"
