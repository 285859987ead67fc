#!/bin/bash
# Session 41: PC-sampling profiles (SourceCounters, WarpStateStats) of one launch each, d128 causal
# (128-key tiles), committed library: the contiguous call and pages 8 / 64 (the PAIR instance), pages
# 48 / 100 (the plain-layout run instance). Page 100 misses the 3% bar at every head_dim (2.51:
# d128 causal +3.7 / ncu +4.9) while page 48 (runs too) holds: where do page 100's extra samples
# and producer instructions go (consumers' K / V full waits, producer per-tile work)? Summaries by
# ncu_stallsum.py; the CSVs come back for --warp-tiles and per-instruction reading. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41e build/pa-bench
B='(\(bool\))?'
KP="sm90_prefill_kernel<(\(int\))?128, ${B}(1|true), ${B}(0|false), ${B}(1|true), ${B}(0|false), ${B}(0|false)>"
KR="sm90_prefill_kernel<(\(int\))?128, ${B}(1|true), ${B}(0|false), ${B}(0|false), ${B}(0|false), ${B}(0|false)>"
prof() {   # NAME REGEX SKIP PAGE
    timeout 150 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
        -k "regex:$2" --launch-skip $3 -c 1 --import-source no -o "$T/$1" -f \
        build/pa-bench --prefill-only --dims 128 --causal 1 --pages $4 --table frag --iters 1 --warmup 0 --no-check > "$T/$1_run.log" 2>&1
    echo "$1 ncu rc=$? $(el)" | tee -a "$O/summary.txt"; grep -m2 "==PROF==\|ERR" "$T/$1_run.log"
    ncu -i "$T/$1.ncu-rep" --page source --csv --print-source sass > "$T/$1_src.csv" 2> "$T/$1_src.err"
    ncu -i "$T/$1.ncu-rep" --page details --section WarpStateStats > "$T/$1_stall.txt" 2>&1
    python3 bench/wip_sm90/ncu_stallsum.py "$T/$1_src.csv" > "$T/$1_stallsum.txt" 2>&1
    xz -f "$T/$1_src.csv"; cp "$T/$1_src.csv.xz" "$O/"; rm -f "$T/$1.ncu-rep"
}
prof c "$KP" 0 8
prof p8 "$KP" 1 8
prof p64 "$KP" 1 64
prof p48 "$KR" 0 48
prof p100 "$KR" 0 100
for n in c p8 p64 p48 p100; do echo "== $n"; head -4 "$T/${n}_stallsum.txt"; done > "$O/stallsum_all.txt"
dev_end logs_s41e
cut -c1-400 "$O/stallsum_all.txt"
