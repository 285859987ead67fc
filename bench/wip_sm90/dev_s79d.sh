#!/bin/bash
# Session 79, call d: the library's d64 and d128 causal cells at pages 8..16 (RESULTS 3.4w: d64 9..15
# +3.2..3.5 and d128 9..15 +3.3..4.3 from two rounds each, single rounds moving by up to a point),
# ROUNDS rounds (default 4) of pa-bench's paired rows, B4 H16 8k, fragmented tables.
# .carry/bins.tar.xz: build/pa-bench is the library (SM90_STRADDLE=0).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t79d build/pa-bench
for r in $(seq 1 "${ROUNDS:-4}"); do
    build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 64,128 --causal 1 \
        --pages ${PAGES:-8,9,10,11,12,13,14,15,16} 2>&1 | pa_row lib > /dev/null
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib"
dev_end logs_s79d
