#!/bin/bash
# Session 32, call 4 (carry .carry/bins.tar.xz: build = the library, build_L4_128 = M69 at d128,
# 4 lanes a row; its d128 functions are the library's with SM90_GATHER_LPR_D128=4): PC-sampling
# profiles (SourceCounters, WarpStateStats) of one launch each of the d128 gather at page 1
# (build, L4_128) and of the d128 contiguous TMA instance, non-causal; summarized by region and
# reason (ncu_stalls.py, ncu_stallsum.py). Question: does the d128 gather's producer wait on the
# consumers (empty barrier) or on its copies (cp.async.wait_all / issue), and what changes with 4
# lanes a row.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t32d build/pa-bench
prof() {   # NAME BUILD PAGE REGEX
    timeout 150 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
        -k "regex:$4" -c 1 --import-source no -o "$T/$1" -f \
        "$2/pa-bench" --prefill-only --dims 128 --causal 0 --pages $3 --iters 1 --no-check > "$T/$1_run.log" 2>&1
    echo "$1 ncu rc=$? $(el)" | tee -a "$O/summary.txt"; grep -m2 "==PROF==\|ERR" "$T/$1_run.log"
    ncu -i "$T/$1.ncu-rep" --page source --csv --print-source sass > "$T/$1_src.csv" 2> "$T/$1_src.err"
    ncu -i "$T/$1.ncu-rep" --page details --section WarpStateStats > "$T/$1_stall.txt" 2>&1
    python3 bench/wip_sm90/ncu_stalls.py "$T/$1_src.csv" --top 30 > "$T/$1_stalls.txt" 2>&1
    python3 bench/wip_sm90/ncu_stallsum.py "$T/$1_src.csv" > "$T/$1_stallsum.txt" 2>&1
    xz -f "$T/$1_src.csv"; cp "$T/$1_src.csv.xz" "$O/"; rm -f "$T/$1.ncu-rep"
}
G='128, (\(bool\))?(1|true), (\(bool\))?(1|true), '
C='128, (\(bool\))?(1|true), (\(bool\))?(0|false), '
prof g1 build 1 "$G"
prof g1L4 build_L4_128 1 "$G"
prof c build 1 "$C"
for n in g1 g1L4 c; do echo "== $n"; head -40 "$T/${n}_stallsum.txt"; done > "$O/stallsum_all.txt"
( cd "$T" && tar czf "$O/logs_s32d.tgz" *.txt *.log *.err 2>/dev/null )
head -c 9000 "$O/stallsum_all.txt"; echo "total $(el)"
