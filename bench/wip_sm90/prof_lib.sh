#!/bin/bash
# Sourced by the profiling device scripts (dev_s20d.sh, dev_s20e.sh, dev_next_s21.sh): prof NAME
# BUILD DIM CAUSAL PAGE runs ncu PC sampling (SourceCounters, WarpStateStats, SpeedOfLight) over
# pa-bench's contiguous launch and its paged one (-c 2) at sq 2048 sk 8192, writes NAME_details.txt
# and NAME_stalls.txt (bench/wip_sm90/ncu_stalls.py, TOP instructions, default 12) under $T and the
# source CSV (for ncu_regions.py) xz-compressed under $O. Needs T, O and el() from the caller.
prof() {
  timeout 240 ncu --section SourceCounters --section WarpStateStats --section SpeedOfLight -k regex:prefill_kernel -c 2 -o $T/$1 \
    $2/pa-bench --prefill-only --dims $3 --causal $4 --pages $5 --sq 2048 --sk 8192 --warmup 0 --iters 1 --no-check > $T/$1_run.txt 2>&1
  ncu -i $T/$1.ncu-rep --page source --csv --print-source sass > $T/$1_source.csv 2> $T/$1_source.err
  ncu -i $T/$1.ncu-rep --page details > $T/$1_details.txt 2>&1
  python3 bench/wip_sm90/ncu_stalls.py $T/$1_source.csv --top ${TOP:-12} --all > $T/$1_stalls.txt 2>&1
  rm -f $T/$1.ncu-rep; xz -T8 $T/$1_source.csv; mv $T/$1_source.csv.xz "$O/"
  echo "$1 $(el)" | tee -a $O/summary.txt
}
