#!/usr/bin/env python3
"""Per-instruction difference of two PC-sampling profiles of the same kernel instance (RESULTS 3.1t),
from `ncu --page source --csv --print-source sass` output (SourceCounters + WarpStateStats).

A is compared with ratio x B, where ratio defaults to A's instructions executed over B's (the work
ratio: e.g. a causal launch against a non-causal one of the same shape). Prints each side's total
samples and the ratio, the stall reasons' totals A - ratio x B, and the instructions with the
largest differences both ways. Both launches must be of one instantiation (same SASS).

    python3 bench/wip_sm90/ncu_srcdiff.py A.csv KA B.csv KB [--ratio R] [--top 12]
KA / KB: the index of the kernel section in each file (0 = the first launch profiled).
"""
import argparse
import collections
import re

from ncu_stalls import sections   # the CSV's kernel sections (same folder)


def section(path, k):
    name, rows = sections(path, True)[k]
    h = rows[0]
    ia, isrc = h.index("Address"), h.index("Source")
    ism, iex = h.index("Warp Stall Sampling (All Samples)"), h.index("Instructions Executed")
    stall = [i for i, x in enumerate(h) if x.startswith("stall_") and "Not Issued" not in x]
    base = int(rows[1][ia], 16)
    out = []
    for r in rows[1:]:
        out.append(dict(off=int(r[ia], 16) - base, src=r[isrc], samples=float(r[ism] or 0),
                        executed=float(r[iex] or 0),
                        stalls={h[i][6:]: float(r[i] or 0) for i in stall}))
    return name, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a"); ap.add_argument("ka", type=int)
    ap.add_argument("b"); ap.add_argument("kb", type=int)
    ap.add_argument("--ratio", type=float, default=0.0)
    ap.add_argument("--top", type=int, default=12)
    x = ap.parse_args()
    na, a = section(x.a, x.ka)
    nb, b = section(x.b, x.kb)
    norm = lambda rows: [re.sub(r"0x[0-9a-f]{8,}", "X", r["src"]) for r in rows]   # branch targets are absolute
    if norm(a) != norm(b):
        raise SystemExit("the two sections are not the same SASS:\n  %s\n  %s" % (na[:120], nb[:120]))
    ex = sum(r["executed"] for r in a) / max(1.0, sum(r["executed"] for r in b))
    ratio = x.ratio or ex
    sa, sb = sum(r["samples"] for r in a), sum(r["samples"] for r in b)
    print("A %s\nB %s" % (na[:110], nb[:110]))
    print("samples A %.0f, B %.0f (A/B %.3f); instructions executed A/B %.3f; comparing A with %.3f x B"
          % (sa, sb, sa / max(sb, 1.0), ex, ratio))
    ta, tb = collections.Counter(), collections.Counter()
    for r in a:
        ta.update(r["stalls"])
    for r in b:
        tb.update(r["stalls"])
    print("stall reasons, A - ratio x B:")
    for s in sorted(ta, key=lambda s: -(ta[s] + tb[s]))[:12]:
        print("  %-18s A %8.0f  B %8.0f  diff %8.0f" % (s, ta[s], tb[s], ta[s] - ratio * tb[s]))
    d = sorted(((ra["samples"] - ratio * rb["samples"], ra, rb) for ra, rb in zip(a, b)), key=lambda t: t[0])
    for title, part in (("most extra in A:", d[::-1][:x.top]), ("most saved in A:", d[:x.top])):
        print(title)
        for v, ra, rb in part:
            top = sorted(((ra["stalls"][k] - ratio * rb["stalls"][k], k) for k in ra["stalls"]), reverse=True)[:2]
            print("  %8.0f %6x %-56s A %6.0f B %6.0f  %s" % (v, ra["off"], ra["src"][:56], ra["samples"], rb["samples"],
                                                          " ".join("%s:%.0f" % (k, w) for w, k in top)))


if __name__ == "__main__":
    main()
