#!/bin/bash
# Contiguous sm90 prefill of two builds, alternated ROUNDS times (separate processes, so the
# comparison is between medians of alternating runs): build vs build_$B (made by dev_variants.sh).
O=${OUT:-/tmp/out}; B=${B:-off}
for r in $(seq ${ROUNDS:-3}); do
  for n in build build_$B; do
    echo "$n $(timeout 60 $n/pa-bench --prefill-only --dims 128 --causal ${CAUSAL:-both} --pages 1000000 --table contig --iters ${ITERS:-20} 2>&1 |
      awk '$1=="prefill" && $9=="none"{printf "c%s %s  ", $8, $12}')"
  done
done
