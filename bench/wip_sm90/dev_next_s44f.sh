#!/bin/bash
# Session 44: s44e's d64 rows were MHA (pa-bench forced 32 heads at d64 and ignored --kv-heads; fixed),
# so M81's estimate at d64 under GQA is measured here: 32 query heads over 16 and 4 kv heads, pages
# 8 / 16 / 100, both masks, --kv-copy-limit 0 against the default, ncu, 2 passes. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44f build/pa-bench
kv_ab() {   # PREFIX DIMS KVHEADS (as in dev_next_s44e.sh)
    local pass m x
    for pass in 1 2; do
        for m in off auto; do
            x="--kv-heads $3"; [ $m = off ] && x="$x --kv-copy-limit 0"
            timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims "$2" --pages 8,16,100 --causal both \
                --pa-extra="$x" --out "$T/$1_${m}_$pass" > "$T/$1_${m}_$pass.txt" 2>&1
        done
    done
    echo "== $1: d $2, $3 kv heads ($(el))" | tee -a "$O/summary.txt"
    python3 bench/wip_sm90/ab_table.py "$T" "$1" off auto | tee -a "$O/summary.txt"
    grep -h "^ *64 " "$T/$1_auto_1.txt" | tee -a "$O/summary.txt"
}
kv_ab e16 64 16
kv_ab e4 64 4
dev_end logs_s44f
