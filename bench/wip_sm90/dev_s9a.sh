#!/bin/bash
# Session 9, first call (H200): where does page 100's extra cost come from? The committed build
# (build/) against build_P0/ (-DSM90_PAIRS_ON=0: pages 64, 96, 104, 120 go through page runs
# instead of the PAIR layout), alternated, d128 and d64 non-causal, fragmented tables; page 100
# also with a contiguous table (memory locality vs load path).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
for r in 1 2; do
  for v in base P0; do
    bin=build/pa-bench; [ $v = P0 ] && bin=build_P0/pa-bench
    timeout 90 $bin --prefill-only --dims 128,64 --causal 0 --pages 8,64,96,100,104,120 --table frag --iters 10 > "$O/${v}_r$r.log" 2>&1
    echo "$v r$r rc=$?: $(awk 'NR>1 && $10!="-"{printf "d%s p%s %s; ", $2, $10, $14}' "$O/${v}_r$r.log")" | tee -a "$O/summary.txt"
  done
  timeout 60 build/pa-bench --prefill-only --dims 128,64 --causal 0 --pages 100 --table contig --iters 10 > "$O/contig_r$r.log" 2>&1
  echo "base contig-table r$r: $(awk 'NR>1 && $10!="-"{printf "d%s p%s %s; ", $2, $10, $14}' "$O/contig_r$r.log")" | tee -a "$O/summary.txt"
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
