#!/bin/bash
# Session 84, call c (~120 s): is the copy estimate's d128 figure for pages 9..11 (0.04 of the
# attention when a tile has more than 13 boxes per 128 keys: the in-place cost before M114 / M115)
# still right now that those pages read +2..3 in place? The library of M115 (build/, from
# .carry/bins.tar.xz: build_pw3's files, SASS af249589), its default choice against never copying
# (--kv-copy-limit 0), d128 B4 8k fragmented, both masks, pages 9..13 / 17:
# 1. pa-bench paired rows, MHA 16 / 16 and GQA 32 / 8 and 32 / 4, default and never-copy
#    interleaved, 3 rounds; paired_table per head shape.
# 2. ncu (2 passes), GQA 32 / 8, pages 9 / 10 / 11 / 12, default against never-copy.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t84c build/pa-bench
for r in 1 2 3; do
    for hk in 16:16 32:8 32:4; do
        h=${hk%:*}; k=${hk#*:}
        A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal both --heads $h --kv-heads $k --pages 9,10,11,12,13,17"
        build/pa-bench $A 2>&1 | pa_row def$k > /dev/null
        build/pa-bench $A --kv-copy-limit 0 2>&1 | pa_row inp$k > /dev/null
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
for k in 16 8 4; do echo "== kv heads $k" | tee -a "$O/summary.txt"; paired_table "def$k inp$k" 3.0; done
for pass in 1 2; do
    for m in off auto; do
        x="--heads 32 --kv-heads 8"; [ $m = off ] && x="$x --kv-copy-limit 0"
        timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --pages 9,10,11,12 --causal both \
            --pa-extra="$x" --out "$T/g8_${m}_$pass" > "$T/g8_${m}_$pass.txt" 2>&1
    done
done
echo "== ncu d128 GQA 32 / 8 ($(el))" | tee -a "$O/summary.txt"
python3 bench/wip_sm90/ab_table.py "$T" g8 off auto | tee -a "$O/summary.txt"
dev_end logs_s84c
