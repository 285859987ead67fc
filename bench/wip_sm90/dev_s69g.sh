#!/bin/bash
# Session 69: the rows near the bar in 2.66 under pa-bench itself (paired calls, medians, L2
# flushed), ROUNDS rounds (default 4) of the committed build (faf67a7): d64 / d128 / d256,
# non-causal and causal, fragmented pages 8 / 48 / 100; then each row's median (pa_rounds.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69g /nonexistent
for r in $(seq 1 "${ROUNDS:-4}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for c in 0 1; do
        build/pa-bench --prefill-only --causal $c --table frag --dims 64,128,256 --pages 8,48,100 > "$T/r${r}_c$c.txt" 2>&1
        grep -E "^ *prefill .* frag " "$T/r${r}_c$c.txt" | sed "s/^/r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69g
