#!/bin/bash
# Session 66: PC-sampling profiles (ncu SourceCounters + WarpStateStats) of the committed build at
# B4 8k, fragmented page 8, each with its contiguous launch (pa-bench --iters 1 --warmup 0: launch
# 0 is the contiguous row's, launch 1 the paged one; both run the PAIR instance, the same SASS):
# d64 causal, d64 non-causal, d128 causal. Question: where d64 causal page 8's extra over its
# contiguous launch (+3.2, against non-causal +0.7..1.4) sits, per instruction
# (bench/wip_sm90/ncu_srcdiff.py A.csv 1 A.csv 0 --ratio 1). ~150 s; carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t66d build/pa-bench
prof() {   # name dim causal page
    timeout 170 ncu --section SourceCounters --section WarpStateStats -k regex:prefill_kernel -c 2 -o "$T/$1" \
        build/pa-bench --prefill-only --table frag --dims "$2" --causal "$3" --pages "$4" --warmup 0 --iters 1 --no-check > "$T/$1_run.txt" 2>&1
    ncu -i "$T/$1.ncu-rep" --page source --csv --print-source sass > "$T/$1_source.csv" 2> "$T/$1_source.err"
    rm -f "$T/$1.ncu-rep"; xz -T8 "$T/$1_source.csv"; mv "$T/$1_source.csv.xz" "$O/"
    echo "$1 $(el) $(ls -la "$O/$1_source.csv.xz" | awk '{print $5}')" | tee -a "$O/summary.txt"
}
prof d64_c1_p8 64 1 8
prof d64_c0_p8 64 0 8
prof d128_c1_p8 128 1 8
( cd "$T" && tar czf "$O/logs.tgz" ./*.txt ./*.err )
echo "done $(el)" | tee -a "$O/summary.txt"
