#!/bin/bash
# Session 71, call d: every page size from 8 to 128 (and 144 / 160 / 200 / 256 / 672), every
# head_dim, both masks, with the library's default choices (the copy where its estimate says):
# pa-bench's paired rows (B4 H16 8k, d64 H32; fragmented tables; --iters 10), ROUNDS rounds
# (default 2). What a caller gets at each page size (3.4t measured the kernels in place, never
# copying). No tests (the library of 2.67, whose tests passed in dev_s71b).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t71d build/pa-bench
P=$(seq -s, 8 128),144,160,200,256,672
for r in $(seq 1 "${ROUNDS:-2}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for d in 128 64 256; do
        build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims $d --pages $P 2>&1 | pa_row def
    done > /dev/null
done
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"def r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +\S+ +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m: rows.setdefault((int(m.group(1)), int(m.group(2))), {}).setdefault(int(m.group(3)), []).append(float(m.group(4)))
for (d, c), v in sorted(rows.items()):
    over = [(p, st.median(x), x) for p, x in sorted(v.items()) if st.median(x) > 3.0]
    print("d%d c%d: %d pages, median over 3%%: %d; largest %.1f at %d" % (d, c, len(v), len(over),
          max(st.median(x) for x in v.values()), max(v, key=lambda p: st.median(v[p]))))
    print("   " + "  ".join("%d %+.1f (%s)" % (p, m, "/".join("%+.1f" % y for y in x)) for p, m, x in over))
PY
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s71d
