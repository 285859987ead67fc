#!/bin/bash
# Session 85 (~150 s): why d128 65536 causal pages 1..4 read +8.3..8.6 in s85b (RESULTS 3.5y). At
# 65536 the copy's K and V (2.1 GB at d128 B4 H16, 4.3 GB at d256) exceed the default
# kv_copy_limit (1 GiB), so those calls take the gather; at 8192 (268 MB) the copy is allowed.
# Rows with the limit raised to 8 GiB (lim) against the default (def), same binary (HEAD's build):
# 1. d128 65536 pages 1 / 4, both masks, 3 paired iterations, def then lim.
# 2. d256 65536 causal page 1, def then lim, if LIMIT leaves 50 s.
# 3. d128 2048 pages 1 / 3 / 4 / 8 / 16, both masks, 20 iterations, 3 rounds (s85b had one).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t85c build/pa-bench
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
L=8589934592
A65="--prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 65536 --table frag --iters 3 --warmup 1"
r=1
for lim in def lim; do
    X=""; [ $lim = lim ] && X="--kv-copy-limit $L"
    timeout 150 build/pa-bench $A65 --dims 128 --causal both --pages 1,4 $X 2>&1 | pa_row "${lim}65k" > /dev/null
    echo "d128 $lim $(el)" >> "$O/summary.txt"
done
for lim in def lim; do
    X=""; [ $lim = lim ] && X="--kv-copy-limit $L"
    if [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 50 )) -gt "$LIMIT" ]; then echo "d256 $lim skipped $(el)" >> "$O/summary.txt"; continue; fi
    timeout 90 build/pa-bench $A65 --dims 256 --causal 1 --pages 1 $X 2>&1 | pa_row "${lim}65k" > /dev/null
    echo "d256 $lim $(el)" >> "$O/summary.txt"
done
for r in 1 2 3; do
    build/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128 --causal both \
        --table frag --pages 1,3,4,8,16 --iters 20 2>&1 | pa_row s2k > /dev/null
done
echo "2k $(el)" >> "$O/summary.txt"
paired_table "def65k lim65k"
paired_table "s2k"
dev_end logs_s85c
tail -40 "$O/summary.txt"
