#!/bin/bash
# Session 40, last call: PC-sampling profiles (SourceCounters, WarpStateStats) of one launch each of
# the d128 176-key PAIR kernel (non-causal): page 8 at build_DP mode 0 (the library's code path),
# page 8 at mode 1 (no table loads), and the contiguous call at mode 2 (cut into page 8's 22 boxes:
# the same boxes and bytes as mode 1's page 8). Where do the ~1 point of loads and the ~1.6 points of
# the paged branch show (consumers' K-full waits, or issue)? Summaries by ncu_stallsum.py.
# Build: see dev_next_s40f.sh (diag_p.patch). Carry .carry/bins.tar.xz with build_DP/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40j build_DP/pa-bench
K='sm90_prefill_kernel<(\(int\))?128, (\(bool\))?(1|true), (\(bool\))?(0|false), (\(bool\))?(1|true), (\(bool\))?(1|true), (\(bool\))?(0|false)>'
prof() {   # NAME MODE SKIP (launches of the main kernel: contiguous row, then page 8 paged, contiguous paired)
    PA_SM90_DIAG_P=$2 timeout 150 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
        -k "regex:$K" --launch-skip $3 -c 1 --import-source no -o "$T/$1" -f \
        build_DP/pa-bench --prefill-only --dims 128 --causal 0 --pages 8 --table frag --iters 1 --warmup 0 --no-check > "$T/$1_run.log" 2>&1
    echo "$1 ncu rc=$? $(el)" | tee -a "$O/summary.txt"; grep -m2 "==PROF==\|ERR" "$T/$1_run.log"
    ncu -i "$T/$1.ncu-rep" --page source --csv --print-source sass > "$T/$1_src.csv" 2> "$T/$1_src.err"
    ncu -i "$T/$1.ncu-rep" --page details --section WarpStateStats > "$T/$1_stall.txt" 2>&1
    python3 bench/wip_sm90/ncu_stallsum.py "$T/$1_src.csv" > "$T/$1_stallsum.txt" 2>&1
    xz -f "$T/$1_src.csv"; cp "$T/$1_src.csv.xz" "$O/"; rm -f "$T/$1.ncu-rep"
}
prof p8 0 1
prof p8nl 1 1
prof c22 2 0
for n in p8 p8nl c22; do echo "== $n"; head -60 "$T/${n}_stallsum.txt"; done > "$O/stallsum_all.txt"
dev_end logs_s40j
head -c 6000 "$O/stallsum_all.txt"
