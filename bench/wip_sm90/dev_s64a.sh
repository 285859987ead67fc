#!/bin/bash
# Session 64: M93 (the in-place cost of page runs grows with the boxes a tile issues; the copy
# beside's modelled cost at d256 times 1.25) against M92's library (v_m92: session 63's build/
# from the carry, SASS ed9512af as build/). Tests first (automatic, and the copy forced at d256),
# then ROUNDS rounds (default 3) of pa-bench's default choices, the two builds alternated: d128 /
# d256 MHA non-causal pages 51 / 77 / 100 / 127 and GQA 16 / 2 page 100; then build's pages in
# place (--kv-copy-limit 0) at d128 pages 77 / 127 and d256 page 77, the points the fit predicts
# but nobody measured. About 170 s; carry .carry (bins.tar.xz of build/ and v_m92).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t64a v_m92/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=64001 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 PA_TEST_SEED=64002 timeout 90 build/test_gpu > "$T/copy256.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=64003 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
wait
test_summary
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for v in build v_m92; do
        { $v/pa-bench --prefill-only --dims 128,256 --pages 51,77,100,127 --causal 0 --table frag
          $v/pa-bench --prefill-only --dims 128,256 --kv-heads 2 --pages 100 --causal 0 --table frag; } 2>&1 \
            | grep -E "^ *prefill .* frag " | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "in place $(el)" | tee -a "$O/summary.txt"
for r in 1 2; do
    { build/pa-bench --prefill-only --dims 128 --pages 77,127 --causal 0 --table frag --kv-copy-limit 0
      build/pa-bench --prefill-only --dims 256 --pages 77 --causal 0 --table frag --kv-copy-limit 0; } 2>&1 \
        | grep -E "^ *prefill .* frag " | sed "s/^/inpl r$r /" | tee -a "$O/summary.txt"
done
echo "done $(el)" | tee -a "$O/summary.txt"
