#!/bin/bash
# Session 44: does M81's estimate choose right across GQA ratios? One binary (the library), two modes
# picked by pa-bench's flags: --kv-copy-limit 0 (never copy: the TMA page regimes, the library before
# M81 at these pages) against the default (the estimate). ncu, fragmented tables, B4 H16 8k, pages
# 8 / 16 / 100, both masks, 2 passes: d128 at 8 / 4 / 1 kv heads (2 is s44c's), d64 and d256 at 4.
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44e build/pa-bench
kv_ab() {   # PREFIX DIMS KVHEADS
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
}
kv_ab k8 128 8
kv_ab k4 128 4
kv_ab k1 128 1
kv_ab d4 64,256 4
dev_end logs_s44e
