#!/bin/bash
# Session 11, diagnostic: why a paged steady tile is ~4% slower (trace.py, RESULTS 3.1o). ncu's
# warp-state, memory and speed-of-light sections for the d128 non-causal launches of one pa-bench
# run: contiguous, page 16 (PAIR) and page 100 (runs), fragmented tables.
O=${OUT:-/tmp/out}; mkdir -p "$O"
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
timeout 200 ncu --section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats --section SchedulerStats \
  -k "regex:prefill_kernel" build/pa-bench --prefill-only --dims 128 --causal 0 --pages 16,100 --table frag \
  --warmup 0 --iters 1 --no-check > "$O/ncu_sections.txt" 2>&1
echo "rc=$?"
grep -E "sm90_prefill_kernel|Duration|L2 Hit Rate|DRAM Throughput|Memory Throughput|Compute \(SM\)|Stall|Warp Cycles Per Issued|Issued Warp|No Eligible|L1/TEX Hit" "$O/ncu_sections.txt" | cut -c1-120 | head -120
