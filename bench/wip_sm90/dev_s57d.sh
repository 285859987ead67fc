#!/bin/bash
# Session 57: pa-bench's paired rows of the committed library (M86), pages 8 / 100, every
# head_dim, causal both, fragmented tables, the default choices, ROUNDS rounds (default 4): how far
# 2.59's single-sample cells swing.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t57d build/pa-bench
for r in $(seq 1 "${ROUNDS:-4}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    timeout 120 build/pa-bench --prefill-only --dims 128,64,256 --pages 8,100 --causal both --table frag 2>&1 \
        | grep -E "^ *prefill" | tee -a "$O/summary.txt"
done
echo "done $(el)" | tee -a "$O/summary.txt"
