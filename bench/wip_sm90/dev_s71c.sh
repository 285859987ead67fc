#!/bin/bash
# Session 71, call c: what the library's default (copy where its estimate says) gives at the page
# sizes that miss 3% in place (RESULTS 3.4t, never copying): pa-bench's paired rows (B4 H16 8k,
# fragmented tables, --iters 10), the default against --kv-copy-limit 0, ROUNDS rounds (default 3),
# both masks: d64 / d128 pages 9 / 10 / 11 / 13, d256 pages 9..41 (the gather) and 43 / 51 / 77 / 100
# (page runs). No tests (the library of 2.67, whose tests passed in dev_s71b).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t71c build/pa-bench
B="build/pa-bench --prefill-only --table frag --no-check --iters 10"
for r in $(seq 1 "${ROUNDS:-3}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for m in def never; do
        x=""; [ $m = never ] && x="--kv-copy-limit 0"
        $B $x --dims 64,128 --pages 9,10,11,13 2>&1 | pa_row $m
        $B $x --dims 256 --pages 9,10,11,12,13,15,17,20,25,33,41,43,51,77,100 2>&1 | pa_row $m
    done
done > /dev/null
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(def|never) r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +\S+ +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m: rows.setdefault((int(m.group(2)), int(m.group(3)), int(m.group(4))), {}).setdefault(m.group(1), []).append(float(m.group(5)))
print("d c page | default: median (rounds) | never copying: median (rounds)")
for k in sorted(rows):
    v = rows[k]
    f = lambda x: "%+5.1f (%s)" % (st.median(x), " ".join("%+.1f" % y for y in x)) if x else "-"
    print("%3d %d %4d | %s | %s" % (k + (f(v.get("def", [])), f(v.get("never", [])))))
PY
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s71c
