#!/bin/bash
# Prepared in session 47 (no device lent then): does the copy beside the attention (M82) beat the
# box regimes on the rows still over 3%? pa-bench's paired rows (fragmented, causal), two passes,
# the library's own choice against the copy forced beside on 16 / 32 blocks:
#   d64 causal pages 8 / 16 (PAIR 8-row boxes: +3.5..3.7 in 2.53..2.57; the copy beside read
#   +3.0..3.3 at pages 1..4 in 2.57), d128 / d256 causal page 100 (RUNS: +3.1..4.1).
# If the copy wins a row in both passes, the estimate's PAIR / RUNS extras (sm90_copy) are what to
# retune (host code only). Needs build/ (carry .carry); ~2 minutes with the start.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t47b build/pa-bench
row() {   # LABEL DIM PAGES ARGS...
    local l=$1 d=$2 p=$3; shift 3
    echo "== $l d$d" >> "$T/rows.txt"
    timeout 90 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims "$d" --pages "$p" --causal 1 "$@" >> "$T/rows.txt" 2>&1
}
for pass in 1 2; do
    row auto$pass 64 8,16; row beside16_$pass 64 8,16 --force-copy --copy-ctas 16; row beside32_$pass 64 8,16 --force-copy --copy-ctas 32
    row auto$pass 128 100; row beside16_$pass 128 100 --force-copy --copy-ctas 16
    row auto$pass 256 100; row beside16_$pass 256 100 --force-copy --copy-ctas 16
done
grep -E "^== |^prefill" "$T/rows.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
echo "rows $(el)" | tee -a "$O/summary.txt"
dev_end logs_s47b
