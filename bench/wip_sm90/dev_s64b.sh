#!/bin/bash
# Session 64: the d256 line raised after 3.3x (build) against 3.3x's M93 (v_m93, the carry's
# previous build/; SASS ed9512af in both). Tests first (automatic; the copy forced beside at d256),
# then ROUNDS rounds (default 3), the builds alternated: d256 MHA non-causal pages 51 / 77 / 100
# (51 should move to the copy beside, 77 / 100 stay in place) and d128 page 51. About 70 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t64b v_m93/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=64101 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=16 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 PA_TEST_SEED=64102 timeout 90 build/test_gpu > "$T/beside256.log" 2>&1 &
wait
test_summary
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for v in build v_m93; do
        { $v/pa-bench --prefill-only --dims 256 --pages 51,77,100 --causal 0 --table frag
          $v/pa-bench --prefill-only --dims 128 --pages 51 --causal 0 --table frag; } 2>&1 \
            | grep -E "^ *prefill .* frag " | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
