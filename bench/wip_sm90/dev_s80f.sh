#!/bin/bash
# Session 80, call f (call e, dev_s80e.sh at 449c80f, again with its modes 6 / 7 fixed: they read the flags, which is mode 4's cost, and the copy held zeros, not the cache): which tensor's page runs cost at d128 causal pages 9..15? build_ft's timing
# modes (wrong results, --no-check): m3 K and V from the contiguous copy, m6 K from the copy and V
# from its pages, m7 V from the copy and K from its pages; ft0 the same build in place; lib the
# library. If V in place is nearly free (K is needed at the start of a tile, V only after the
# softmax), a copy of K alone (half the bytes of the copy beside) is the next design.
# .carry/bins.tar.xz: build/pa-bench (library), build_ft/pa-bench (SM90_FT=1 SM90_RUN_TABLE_D256=1).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t80f build_ft/pa-bench
B=build_ft
for r in $(seq 1 "${ROUNDS:-2}"); do
    for spec in "128 1 9,10,11,12,13,15" "256 1 17,33"; do
        set -- $spec
        A="--prefill-only --table frag --no-check --iters 10 --dims $1 --causal $2 --pages $3"
        build/pa-bench $A 2>&1 | pa_row lib > /dev/null
        build/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row libip > /dev/null
        $B/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row ft0 > /dev/null
        for m in 3 6 7; do $B/pa-bench $A --ft $m --ft-warm 2 2>&1 | pa_row m$m > /dev/null; done
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib libip ft0 m3 m6 m7"
dev_end logs_s80f
