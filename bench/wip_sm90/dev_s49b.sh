#!/bin/bash
# Session 49's second call: (1) the cells of 2.58 that moved most against 2.57 under ncu, again
# (d256 non-causal pages 8 / 48: +2.9 -> +5.0, +1.2 -> +3.5; d64 causal page 8 for comparison),
# two passes; (2) d64 causal page 8 in pa-bench, the library's choice (PAIR boxes) against the copy
# beside on 16 blocks, three passes (s47b: 3.6 / 3.7 against 3.2 / 3.2); (3) tests/sanitize.sh on
# the committed library (last whole run: s44s, on M80) with the time left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t49b build/pa-bench
for pass in 1 2; do
    timeout 120 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256 --pages 8,48 --causal 0 --out "$T/n256_$pass" > "$T/n256_$pass.txt" 2>&1
    timeout 120 python3 bench/pa_ncu.py --pa build/pa-bench --dims 64 --pages 8 --causal 1 --out "$T/n64_$pass" > "$T/n64_$pass.txt" 2>&1
done
grep -h "^prefill\|^ *[0-9]" "$T"/n256_*.txt "$T"/n64_*.txt | tee -a "$O/summary.txt"
echo "ncu $(el)" | tee -a "$O/summary.txt"
row() {   # LABEL ARGS...
    local l=$1; shift
    echo "== $l" >> "$T/rows.txt"
    timeout 60 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 64 --pages 8 --causal 1 "$@" >> "$T/rows.txt" 2>&1
}
for pass in 1 2 3; do row auto$pass; row beside16_$pass --force-copy --copy-ctas 16; done
grep -E "^== |^prefill" "$T/rows.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
echo "rows $(el)" | tee -a "$O/summary.txt"
left=$(( ${DEADLINE:-585} - $(date +%s) + t0 ))
[ "$left" -gt 60 ] && sanitize_phase "$left"
dev_end logs_s49b
