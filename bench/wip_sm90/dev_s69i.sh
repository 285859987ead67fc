#!/bin/bash
# Session 69: page sizes off the benchmark's sweep, on the committed build (faf67a7's kernels, SASS
# 37715b41): ncu (never copying), PASSES (default 2) passes, d64 / d128 / d256, causal and
# non-causal, page runs 44 / 51 / 77 / 127 / 200 and 8-row pages 24 / 40, with the contiguous rows.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t69i /nonexistent
NCU_MAXP=${PASSES:-2} ncu_sets "build" 200 \
    "c --dims 64,128,256 --pages 24,40,44,51,77,127,200 --causal 1 --iters 2 --pa-extra=\"--kv-copy-limit 0\"" \
    "n --dims 64,128,256 --pages 24,40,44,51,77,127,200 --causal 0 --iters 2 --pa-extra=\"--kv-copy-limit 0\""
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s69i
