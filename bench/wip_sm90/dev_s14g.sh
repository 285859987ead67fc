#!/bin/bash
# Session 14: source-level profiles of d256 causal at page 1 (the gather, +15% in 2.24 against
# +9% non-causal) and page 100 (runs, +9.5% against +6.8%), each with its contiguous baseline
# launch, plus the gather non-causal for contrast. Committed build (bins.tar.xz).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
for spec in "256 1 1" "256 1 100" "256 0 1"; do set -- $spec
  n=prof_d$1_c$2_p$3
  timeout 200 ncu --set full --import-source yes -k regex:prefill_kernel -c 2 -o $T/$n build/pa-bench --prefill-only \
    --dims $1 --causal $2 --pages $3 --warmup 0 --iters 1 --no-check > $T/${n}_run.txt 2>&1
  ncu -i $T/$n.ncu-rep --page source --csv --print-source sass > $T/${n}_source.csv 2>&1
  ncu -i $T/$n.ncu-rep --page details > $T/${n}_details.txt 2>&1
  rm -f $T/$n.ncu-rep
  echo "$n $(el)"
done
( cd $T && tar czf "$O/logs.tgz" * )
grep -E "sm90_prefill_kernel|Elapsed Cycles  " $T/*details.txt | cut -c1-160
