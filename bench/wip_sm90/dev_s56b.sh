#!/bin/bash
# Session 56: where page 100's per-tile extra comes from (RESULTS 3.3m: +1.6% a tile, in the
# consumers' ALU steps, with the consumers' SASS the same as the PAIR instances'). Per-CTA traces of
# three trace builds (.carry/trace.tar.xz) at d128 / d256 causal, contiguous and page 100:
# build_T (the library with -DSM90_TRACE), build_TP0 (-DSM90_PAIRS_ON=0: the contiguous call on the
# plain layout, one box a 64-column panel, four live producer warps: session 25's P0) and
# build_TP0TW (the same with -DSM90_TMA_TWO_WARPS=1 -DSM90_TMA_PRE=0: warps 0 (K) and 2 (V) issue
# both panels' boxes, warps 1 and 3 exit). If P0's contiguous tile matches page 100's, the tile's
# extra is the plain layout's, not the page lookups'; TW then tells live warps from box count.
# (Measurement builds: no tests.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t56b README.md
tar xJf .carry/trace.tar.xz || exit 1
for v in build_T build_TP0 build_TP0TW; do
    trace_run $v trace_$v 60 128:8192:8192:1 128:8192:8192:1:100 256:8192:8192:1 256:8192:8192:1:100
done
echo "total $(el)"   # (trace_run writes into $O; nothing in $T to pack)
