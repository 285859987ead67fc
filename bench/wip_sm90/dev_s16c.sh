#!/bin/bash
# Session 16, call 3: the d256 causal gather's causal-only extra (call 2: sq 2048 sk 8192 page 1
# +12.0% causal against +7.4% non-causal; d128 +7.6 / +6.9). PC-sampling profiles (SourceCounters,
# WarpStateStats) of d256 page 1 at sq 2048 sk 8192, causal and non-causal, each with its
# contiguous launch; the source CSVs come back for a per-instruction diff. Then the same shape's
# TMA page sizes (16, 64, 100) under ncu's clocks, causal and non-causal.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for c in 1 0; do
  n=prof_c$c
  timeout 200 ncu --section SourceCounters --section WarpStateStats -k regex:prefill_kernel -c 2 -o $T/$n \
    build/pa-bench --prefill-only --dims 256 --causal $c --pages 1 --sq 2048 --sk 8192 --warmup 0 --iters 1 --no-check > $T/${n}_run.txt 2>&1
  echo "$n rc=$? $(el)"
  ncu -i $T/$n.ncu-rep --page source --csv --print-source sass > $T/${n}_source.csv 2> $T/${n}_source.err
  ncu -i $T/$n.ncu-rep --page details > $T/${n}_details.txt 2>&1
  python3 bench/wip_sm90/ncu_stalls.py $T/${n}_source.csv --top 12 --all > $T/${n}_stalls.txt 2>&1
  rm -f $T/$n.ncu-rep
done
xz -T8 -k $T/prof_c1_source.csv $T/prof_c0_source.csv && mv $T/*.csv.xz "$O/"
for pass in 1 2; do
  for c in 0 1; do
    timeout 90 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256 --pages 16,64,100 --causal $c \
      --pa-extra "--sq 2048 --sk 8192" --out $T/b_${c}_$pass > $T/b_${c}_$pass.txt 2>&1
  done
done
grep -hE "^ *256 " $T/b_*_1.txt $T/b_*_2.txt | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" --exclude='*.csv' * )
cat $T/prof_c1_stalls.txt $T/prof_c0_stalls.txt | grep -E "void|samples by" | tee -a $O/summary.txt
ls -la $O; echo "total $(el)"
