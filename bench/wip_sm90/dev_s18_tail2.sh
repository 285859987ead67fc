#!/bin/bash
# Session 18, second A/B of M39 (the first lost the new build's ncu rows to the kernel-name match):
# build_OLD (ac9146a) against build (the split everywhere) and build_D64X (SM90_TAIL_D64=0: the d64
# instances' SASS as build_OLD's, no split at d64), ncu at locked clocks with the pieces and the
# merge added to their call, then interleaved against cuDNN.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for pass in 1 2; do
  for v in build_OLD build; do
    timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64,128,256 --pages 1,16 --causal both --out $T/n_${v}_$pass > $T/n_${v}_$pass.txt 2>&1
  done
  timeout 100 python3 bench/pa_ncu.py --pa build_D64X/pa-bench --dims 64 --pages 1,16 --causal both --out $T/n_build_D64X_$pass > $T/n_build_D64X_$pass.txt 2>&1
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
grep -o '"[^"]*\(prefill_kernel\|tail_combine\)[^"]*"' $T/n_build_1/ncu.csv | sort | uniq -c | tee -a $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T n build_OLD build build_D64X | tee -a $O/summary.txt
for v in build build_OLD; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,64,256 --out $T/i_$v > $T/i_$v.txt 2>&1
done
PAGEDATTN_LIBRARY=$PWD/build_D64X/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 64 --out $T/i_build_D64X > $T/i_build_D64X.txt 2>&1
grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
