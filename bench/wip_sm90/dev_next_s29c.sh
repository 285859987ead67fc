#!/bin/bash
# Session 29, calls 3 and 4 (carry .carry/bins.tar.xz, any of this session's): where do the page runs'
# extra microseconds go? Full ncu profiles (every section, source counters) of pa-bench's d256
# non-causal and d128 causal calls at PAIR page 96 and run page 100 (launches: contiguous, 96,
# contiguous, 100, contiguous, d256's with its last-wave pieces; call 3 had left out --table frag
# and so profiled page 96's pool-order table instead of page 100); details, raw metrics and the SASS source page come back.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29c build/pa-bench
for dc in "256 0 10" "128 1 5"; do
  set -- $dc; d=$1; c=$2; n=$3; f=full${d}c$c
  timeout 200 ncu --set full --import-source no --kernel-name-base demangled -k "regex:sm90_prefill_kernel" -c $n -o $T/$f \
    build/pa-bench --prefill-only --warmup 0 --iters 1 --no-check --dims $d --causal $c --pages 96,100 --table frag > $T/${f}_run.txt 2>&1
  echo "$f rc=$? $(el)" | tee -a $O/summary.txt
  ncu -i $T/$f.ncu-rep --page details > $O/${f}_details.txt 2>&1
  ncu -i $T/$f.ncu-rep --page raw --csv > $T/${f}_raw.csv 2>&1; xz -T8 $T/${f}_raw.csv; mv $T/${f}_raw.csv.xz $O/
  ncu -i $T/$f.ncu-rep --page source --csv --print-source sass > $T/${f}_src.csv 2> $T/${f}_src.err
  python3 bench/wip_sm90/ncu_stallsum.py $T/${f}_src.csv --mix 12 > $O/${f}_stallsum.txt 2>&1
  xz -T8 $T/${f}_src.csv; mv $T/${f}_src.csv.xz $O/
  grep -E "^  [a-z_]|Duration|Issue Slots Busy|Executed Ipc A|L2 Hit Rate|DRAM Throughput|Mem Busy|Max Bandwidth" $O/${f}_details.txt | head -80 > $O/${f}_key.txt
  echo "$f exported $(el)" | tee -a $O/summary.txt
done
dev_end logs_s29c
cd $O && tar cf full.tar full* && rm -f full*_* && ls -la $O
