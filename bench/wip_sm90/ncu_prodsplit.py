#!/usr/bin/env python3
"""Producer against consumers in `ncu --page source --csv --print-source sass` exports (session 29,
RESULTS 3.2g): per kernel name (the first launch of each), the producer's executed instructions
split into its empty-wait loop (YIELD / TRYWAIT / BRA at the loop's address) and the rest, the
producer's samples, and the consumers' stall reasons as shares of their samples, so that two
kernels (a run page's plain instance against a PAIR one) can be read side by side.

    python3 bench/wip_sm90/ncu_prodsplit.py full256c0_src.csv [--warp-tiles N]
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ncu_stalls import regions, sections  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--warp-tiles", type=float, default=0, help="divide producer counts by this (e.g. CTAs x tiles x warps)")
    a = ap.parse_args()
    for name, rows in sections(a.csv, False):
        hdr, rows = rows[0], rows[1:]
        sc = [h for h in hdr if h.startswith("stall_") and "Not Issued" not in h]
        prod, cons = [], []
        reasons = collections.Counter()
        for region, ix, src, r in regions(hdr, rows):
            ex, sm = int(r[ix["Instructions Executed"]] or 0), int(r[ix["# Samples"]] or 0)
            if region == "prod":
                prod.append((ex, sm, src))
            elif region == "cons":
                cons.append(sm)
                for h in sc:
                    reasons[h[6:]] += int(r[ix[h]] or 0)
        if not prod:
            continue
        spin_n = max(ex for ex, _, s in prod if "TRYWAIT" in s) if any("TRYWAIT" in s for _, _, s in prod) else 0
        spin = sum(ex for ex, _, s in prod if ex == spin_n and spin_n > 0)
        tot = sum(ex for ex, _, _ in prod)
        div = a.warp_tiles or 1.0
        print(name.split(",")[1].strip('"')[:90])
        print(f"  producer: {tot / div:,.1f} executed ({spin / div:,.1f} in the wait loop, {(tot - spin) / div:,.1f} other)"
              f"{' per warp-tile' if a.warp_tiles else ''}; samples {sum(s for _, s, _ in prod)}")
        ct = sum(cons) or 1
        print("  consumers: " + " ".join(f"{h} {100 * v / ct:.1f}%" for h, v in reasons.most_common(9)))


if __name__ == "__main__":
    main()
