#!/bin/bash
# Prepared in session 43, not run. bench/wip_sm90/copy_pitch.patch (build_CP): the copy's rows a
# sequence rounded up to 128 (so the copied cache is always a dense pool of whole tiles: the PAIR
# layout, one box a tile) against the library (pitch = max_seq_len: per-panel boxes when that is not
# a multiple of 8). Build first on the development machine:
#   git apply bench/wip_sm90/copy_pitch.patch && make -j2 BUILD=build_CP all build_CP/test_gpu \
#     build_CP/pa-bench && git checkout -- src && (. bench/wip_sm90/mkvariant_lib.sh && pack build_CP)
# Tests of build_CP (copy_checks: the forced copy at each head_dim over random max_seq_len, most
# not multiples of 8; with the last-wave split; automatic; memcheck), then pa-bench's paired rows at
# sq = sk = 8000 and 8192, pages 1 / 3 / 4, d128 both masks, for each build, and ncu of the same.
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44b build_CP/pa-bench
copy_checks "47000 47400 47500 47600" 1,3,5,17 30 128 100 build_CP
for sk in 8000 8192; do
    for v in build build_CP; do
        timeout 60 "$v/pa-bench" --prefill-only --dims 128 --seqlen $sk --pages 1,3,4 --causal both --table frag \
            --iters 10 > "$T/pab_${v}_$sk.txt" 2>&1
        echo "$v sk $sk: $(grep prefill "$T/pab_${v}_$sk.txt" | awk '{printf "%s ", $(NF-2)}')" | tee -a "$O/summary.txt"
    done
done
ncu_ab "build build_CP" --dims 128 --pages 1,3,4 --causal both --pa-extra="--seqlen 8000"
dev_end logs_s44b
