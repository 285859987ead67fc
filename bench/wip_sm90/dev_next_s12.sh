#!/bin/bash
# Prepared in session 11, not run: split the paged steady-tile cost (RESULTS 3.1o: +4% a tile at d128
# pages 16 and 100, ncu +2.5..3.5% at every TMA page size, page 128 included with one box a tile
# like the contiguous cache) into what the pages' scattering costs and what the lookups cost.
# Needs build/pa-bench of the committed tree, carried in .carry/bins.tar.xz (about 90 s).
#   1. pa_ncu.py, pages 8/16/128/100 at d128/d64/d256 non-causal: fragmented tables, tables in pool
#      order (same lookups, sequential pages), and fragmented inside blocks of 8 pages;
#   2. ncu warp-state and source counters of the d128 contiguous and page-128 launches (the
#      consumers' stall reasons at their full-barrier waits, the producer's per-tile instructions).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
pa() { timeout 120 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64,256 --pages 8,16,128,100 --causal 0 \
         --out /tmp/pa "$@" 2>&1 | tee -a "$O/summary.txt"; }
pa --table frag
pa --table contig
pa --table frag --pa-extra "--frag-block 8"
echo "pa_ncu $(el)" | tee -a "$O/summary.txt"
timeout 200 ncu --section WarpStateStats --section SourceCounters --print-details all \
  -k "regex:prefill_kernel" build/pa-bench --prefill-only --dims 128 --causal 0 --pages 128 --table frag \
  --warmup 0 --iters 1 --no-check > "$O/ncu_stalls.txt" 2>&1
echo "ncu rc=$? $(el)" | tee -a "$O/summary.txt"
grep -E "sm90_prefill_kernel<|Stall|Warp Cycles Per" "$O/ncu_stalls.txt" | cut -c1-140 | head -60
