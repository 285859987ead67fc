#!/usr/bin/env python3
"""A/B table from pa_ncu.py runs of several builds, alternated in passes (the device scripts'
summary): per (head_dim, causal, page) the shortest time over the passes of each build (the
contiguous row's time for page 0), and each build against the first.

    python3 bench/wip_sm90/ab_table.py DIR PREFIX BUILD [BUILD ...] [--passes 2]
reads DIR/PREFIX_BUILD_PASS/pa_ncu.json (pa_ncu.py --out DIR/PREFIX_BUILD_PASS)."""
import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("prefix")
    ap.add_argument("builds", nargs="+")
    ap.add_argument("--passes", type=int, default=2)
    a = ap.parse_args()
    rows = {}
    for v in a.builds:
        for p in range(1, a.passes + 1):
            path = os.path.join(a.dir, "%s_%s_%d" % (a.prefix, v, p), "pa_ncu.json")
            try:
                js = json.load(open(path))
            except Exception as e:
                print("%s: %s" % (path, e))
                continue
            for r in js["rows"]:
                k = (r["d"], r["causal"], r["page"])
                rows.setdefault(k, {}).setdefault(v, []).append(r["contig_us"] if r["page"] == 0 else r["paged_us"])
    V = a.builds
    print("d c page | us (min of %d): %s | against %s" % (a.passes, "  ".join(V), V[0]))
    for k in sorted(rows):
        m = {v: min(x) for v, x in rows[k].items()}
        b = m.get(V[0])
        rel = " ".join("%+5.1f%%" % (100 * (m[v] / b - 1)) if b and v in m else "    -" for v in V[1:])
        print("%3d %d %4d | " % k + " ".join("%8.1f" % m.get(v, 0) for v in V) + " | " + rel)


if __name__ == "__main__":
    main()
