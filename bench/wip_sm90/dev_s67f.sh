#!/bin/bash
# Session 67: the causal rows near the bar under pa-bench itself (the benchmark's own timing:
# paired calls, medians, L2 flushed; not ncu's locked clocks), ROUNDS rounds (default 4) of the
# committed build at d64 / d128 / d256 causal, fragmented pages 8 and 100; then each row's median.
# TAG (default 67f) names the scratch folder and the log archive (dev_s68e.sh: 68e).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t${TAG:-67f} /nonexistent
B="build/pa-bench --prefill-only --causal 1 --table frag --dims 64,128,256 --pages 8,100"
for r in $(seq 1 "${ROUNDS:-4}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    $B > "$T/r$r.txt" 2>&1
    grep -E "^ *prefill .* frag " "$T/r$r.txt" | sed "s/^/r$r /" | tee -a "$O/summary.txt"
done
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s${TAG:-67f}
