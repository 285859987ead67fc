#!/bin/bash
# Session 66: M95's question, measured inside one (measurement) build: do causal grids launched
# heads fastest (query blocks next: each sequence's heads run their longest CTAs first) end
# sooner than the launch order (query block fastest)? --sec-g -1 swaps, 0 keeps the old order.
# Tests (automatic, forced sm90 at each head_dim: random causal cases take the swap), then ROUNDS
# rounds (default 3) of causal d64 / d128 / d256, contiguous and fragmented pages 8 / 16 / 100,
# the two orders in turn. About 80 s. --sec-g exists only in a build of m95_causal_order.patch
# (git apply it, make, pack): M95 was rejected (RESULTS 3.4a) and left the source.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t66a build/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=66101 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((66110 + d)) timeout 150 build/test_gpu > "$T/sm90_$d.log" 2>&1 &
done
wait
test_summary
row() { grep -E "^ *prefill .* (none|frag) " | sed "s/^/$1 r$r /" | tee -a "$O/summary.txt"; }
B="build/pa-bench --prefill-only --causal 1 --table frag --dims 64,128,256 --pages 8,16,100"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B --sec-g -1 2>&1 | row swap
    $B --sec-g 0 2>&1 | row old
done
echo "done $(el)" | tee -a "$O/summary.txt"
