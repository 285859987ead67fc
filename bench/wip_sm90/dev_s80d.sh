#!/bin/bash
# Session 80, call d: do the copy engines copy a paged cache beside the attention for free?
# pa-bench --ce-copy 1: before each timed call of a paged row (the paged call and its contiguous
# pair alike) a side stream copies the row's live K and V pages into a scratch buffer with one
# cudaMemcpyBatchAsync (cudaMemcpyFlagPreferOverlapWithCompute), not waited for by the call. The
# rows' ms against the same rows without it say what such a copy costs the attention; the stderr
# line says how long the copy took beside it. (Every copy through the SMs so far moved ~30..50 GB/s an
# SM: RESULTS 3.4x, 3.5j.) .carry/bins.tar.xz: build/pa-bench of this commit.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t80d build/pa-bench
for r in $(seq 1 "${ROUNDS:-2}"); do
    for spec in "128 1 9,16" "128 0 9" "256 1 17"; do
        set -- $spec
        A="--prefill-only --table frag --no-check --iters 10 --dims $1 --causal $2 --pages $3"
        build/pa-bench $A 2>&1 | tee "$T/lib_$1_$2_$r.txt" | grep -E " none | frag " | sed "s/^/lib r$r /" | tee -a "$O/summary.txt" > /dev/null
        build/pa-bench $A --ce-copy 1 2>&1 | tee "$T/ce_$1_$2_$r.txt" | grep -E " none | frag |copies of" | sed "s/^/ce r$r /" | tee -a "$O/summary.txt" > /dev/null
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
cat "$O/summary.txt"
dev_end logs_s80d
