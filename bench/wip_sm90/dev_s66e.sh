#!/bin/bash
# Session 66: the causal rows near the 3% bar under ncu, PASSES passes (default 3) of bench/pa_ncu.py
# (each row the shortest of 2 paired calls) on the committed build: d64 / d128 / d256 causal,
# fragmented pages 8 / 16 / 100; then the per-row medians over the passes. Question: which of
# 2.63's single ncu cells over 3% (d128 8 / 16 / 100, d64 8 / 16, d256 100) stay over. ~150 s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t66e build/pa-bench
for pass in $(seq 1 "${PASSES:-3}"); do
    timeout 150 python3 bench/pa_ncu.py --pa build/pa-bench --dims 64,128,256 --pages 8,16,100 --causal 1 --iters 2 \
        --out "$T/p$pass" > "$T/p$pass.txt" 2>&1
    echo "pass $pass $(el)" | tee -a "$O/summary.txt"
    grep -E "^ +(64|128|256) +1 " "$T/p$pass.txt" | tee -a "$O/summary.txt"
done
python3 - "$T" <<'PY' | tee -a "$O/summary.txt"
import json, glob, statistics, sys
rows = {}
for f in sorted(glob.glob(sys.argv[1] + "/p*/pa_ncu.json")):
    for r in json.load(open(f))["rows"]:
        if r.get("page") and r.get("overhead_pct") is not None:
            rows.setdefault((r["d"], r["page"]), []).append(r["overhead_pct"])
for k in sorted(rows):
    v = rows[k]
    print("d%d causal page %d: %s  median %+.1f" % (k[0], k[1], " ".join("%+.1f" % x for x in v), statistics.median(v)))
PY
mkdir -p "$O/passes" && cp "$T"/p*.txt "$O/passes/" && for d in "$T"/p*/; do cp "$d/pa_ncu.json" "$O/passes/$(basename "$d").json" 2>/dev/null; done
echo "done $(el)" | tee -a "$O/summary.txt"
