#!/bin/bash
# Session 33, call 2 (carry .carry/bins.tar.xz from mkvariants_s33b.sh): where the d128 gather's
# time goes against a baseline of its own tile shape.
#   1. tests: WG forced to the gather at d128, N128 forced to sm90 at d128;
#   2. ncu A/B, d128 non-causal, contiguous and pages 1 / 3 / 4: build, WG (the 176-key gather),
#      N128 (contiguous on 128-key tiles; its paged rows run the library's gather);
#   3. PC-sampling profiles (one launch each): gather page 1 non-causal (g1) and causal (gc1),
#      contiguous non-causal on 128-key tiles (c128), contiguous causal (cc), the 176-key gather
#      page 1 (wg1), summarized by ncu_stallsum.py.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33b build_WG/pa-bench
gather_variant_tests "WG" 128 33200 120
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=33210 timeout 120 build_N128/test_gpu > $T/N128_sm90.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "WG_g WG_gpages N128_sm90" "build build_WG build_N128" --dims 128 --pages 1,3,4 --causal 0
prof() {   # NAME BUILD PAGE CAUSAL REGEX
    timeout 150 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
        -k "regex:$5" -c 1 --import-source no -o "$T/$1" -f \
        "$2/pa-bench" --prefill-only --dims 128 --causal $4 --pages $3 --iters 1 --no-check > "$T/$1_run.log" 2>&1
    echo "$1 ncu rc=$? $(el)" | tee -a "$O/summary.txt"; grep -m2 "==PROF==\|ERR" "$T/$1_run.log"
    ncu -i "$T/$1.ncu-rep" --page source --csv --print-source sass > "$T/$1_src.csv" 2> "$T/$1_src.err"
    python3 bench/wip_sm90/ncu_stallsum.py "$T/$1_src.csv" > "$T/$1_stallsum.txt" 2>&1
    xz -f "$T/$1_src.csv"; rm -f "$T/$1.ncu-rep"
}
G='128, (\(bool\))?(1|true), (\(bool\))?(1|true), '
C='128, (\(bool\))?(1|true), (\(bool\))?(0|false), '
prof g1 build 1 0 "$G"
prof gc1 build 1 1 "$G"
prof c128 build_N128 1 0 "$C"
prof cc build 1 1 "$C"
prof wg1 build_WG 1 0 "$G"
( cd "$T" && tar cf "$O/prof_s33b.tar" *_src.csv.xz )
for n in g1 c128 gc1 cc wg1; do echo "== $n"; head -12 "$T/${n}_stallsum.txt"; done > "$O/stallsum_all.txt"
dev_end logs_s33b
grep -h "executed\|cons samples\|prod samples" "$O/stallsum_all.txt" | cut -c1-200
