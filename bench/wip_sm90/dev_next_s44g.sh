#!/bin/bash
# Session 44: a workspace too small for the copy is accepted (the pages read in place; the least
# workspace is pa_workspace_size's answer with the copy limit at 0). The harness now runs every
# copied case again with the least workspace against the reference, and refuses one byte less than
# the least. Forced copy on every page size at each head_dim, the last-wave split, automatic,
# memcheck; then the GQA rows at ncu (the copy still taken with the full workspace). Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44g build/pa-bench
copy_checks "50000 50400 50500 50600" 1,3,8,16,48,51,64,100,128,200,256,672 30 128 100 build 1,8,100
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=-1 PA_TEST_CASES=40 PA_TEST_SEED=50700 timeout 100 build/test_gpu > "$T/nocopy.log" 2>&1
echo "nocopy: $(tail -1 "$T/nocopy.log")" | tee -a "$O/summary.txt"
grep -h "copied their cache" "$T"/*.log | tee -a "$O/summary.txt"
timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --pages 1,8,100 --causal both \
    --pa-extra="--kv-heads 2" --out "$T/gqa" > "$T/gqa.txt" 2>&1
grep -E "^ +128 " "$T/gqa.txt" | tee -a "$O/summary.txt"
dev_end logs_s44g
