#!/bin/bash
# Session 16, call 2: where does the d256 causal gather's extra time go? (committed kernels, build/
# from .carry/bins.tar.xz). ncu at locked clocks, d256 and d128 page 1 against contiguous:
#   non-causal sq 8192 with sk 2048 / 8192 (the CTA count fixed, tiles per CTA x4: per-CTA vs
#   per-tile cost); sq 2048 sk 8192 non-causal and causal (causal CTAs with 96..128 tiles and
#   the same diagonal tiles as sq = sk causal); sq = sk = 8192 causal.
# Then SM-active cycles (ncu metrics) for d256 causal, contiguous against page 1: idle SMs
# between or after CTAs show as active < elapsed.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for cfg in "0:8192:2048" "0:8192:8192" "0:2048:8192" "1:2048:8192" "1:8192:8192" "1:4096:4096" "0:4096:4096"; do
  IFS=: read c sq sk <<< "$cfg"
  for pass in 1 2; do
    timeout 90 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256,128 --pages 1 --causal $c \
      --pa-extra "--sq $sq --sk $sk" --out $T/s_${c}_${sq}_${sk}_$pass > $T/s_${c}_${sq}_${sk}_$pass.txt 2>&1
  done
  echo "== causal $c sq $sq sk $sk" | tee -a $O/summary.txt
  grep -hE "^ *(128|256) " $T/s_${c}_${sq}_${sk}_1.txt $T/s_${c}_${sq}_${sk}_2.txt | tee -a $O/summary.txt
done
echo "sweep $(el)" | tee -a $O/summary.txt
M=sm__cycles_active.avg,sm__cycles_active.min,sm__cycles_active.max,sm__cycles_elapsed.avg,gpu__time_duration.sum,smsp__warps_launched.sum,sm__warps_active.avg.pct_of_peak_sustained_active
for c in 1 0; do
  timeout 120 ncu --csv --metrics $M -k regex:prefill_kernel build/pa-bench --prefill-only --dims 256 --pages 1 \
    --causal $c --warmup 0 --iters 1 --no-check > $T/m_$c.csv 2> $T/m_$c.err
  python3 - $T/m_$c.csv <<'PY' | tee -a $O/summary.txt
import csv, sys
rows = list(csv.reader(l for l in open(sys.argv[1]) if l.startswith('"')))
h = rows[0]; ik, im, iv, iid = h.index("Kernel Name"), h.index("Metric Name"), h.index("Metric Value"), h.index("ID")
by = {}
for r in rows[1:]:
    by.setdefault(r[iid], (r[ik][:60], {}))[1][r[im]] = r[iv]
for i, (k, m) in by.items():
    print(i, k, " ".join(f"{n.split('.')[0].replace('sm__','').replace('gpu__','')}.{n.split('.')[-1]}={v}" for n, v in sorted(m.items())))
PY
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
