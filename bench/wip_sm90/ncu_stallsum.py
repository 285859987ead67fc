#!/usr/bin/env python3
"""Per kernel launch of an `ncu --page source --csv --print-source sass` export (a profile with
source counters, e.g. dev_fi.sh NCU=2): warp-state samples by reason in the consumer and producer
regions (as ncu_stalls.py splits them), and the consumers' executed instructions by opcode
(RESULTS 3.1z: FA3's consumers against ours); with --warp-tiles, the producer's instructions per warp
and tile in and out of its empty-wait loop (RESULTS 3.2g: run pages against PAIR ones).

    python3 bench/wip_sm90/ncu_stallsum.py source.csv [--mix 40] [--warp-tiles N]
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
    ap.add_argument("--mix", type=int, default=40, help="opcodes listed per launch")
    ap.add_argument("--warp-tiles", type=float, default=0,
                    help="also print the producer's executed instructions per warp and tile, in and out of "
                         "its empty-wait loop, dividing by this (CTAs x tiles x producer warps; RESULTS 3.2g)")
    a = ap.parse_args()
    for name, rows in sections(a.csv, False):
        hdr, rows = rows[0], rows[1:]
        sc = [h for h in hdr if h.startswith("stall_") and "Not Issued" not in h]
        stalls = collections.defaultdict(collections.Counter)
        mix, executed = collections.Counter(), collections.Counter()
        prod_ex = []   # the producer's (executed, source) per instruction
        for region, ix, src, r in regions(hdr, rows):
            for h in sc:
                stalls[region][h[6:]] += int(r[ix[h]] or 0)
            n = int(r[ix["Instructions Executed"]] or 0)
            executed[region] += n
            if region == "prod":
                prod_ex.append((n, src))
            if region == "cons" and src:
                op = src.split()[1] if src.startswith("@") else src.split()[0]
                mix[op.split(".")[0]] += n
        print(name.split(",", 1)[1].strip('",')[:120])
        print("  executed:", ", ".join("%s %d" % kv for kv in executed.items()))
        for reg in ("cons", "prod"):
            t = stalls[reg]
            s = sum(t.values()) or 1
            print("  %s samples %d: " % (reg, s) + " ".join("%s %.1f%%" % (k, 100.0 * v / s) for k, v in t.most_common(12)))
        print("  consumer opcodes:", " ".join("%s %d" % kv for kv in mix.most_common(a.mix)))
        if a.warp_tiles and prod_ex:
            # the wait loop: the instructions executed as often as the most-executed TRYWAIT
            spin_n = max((n for n, src in prod_ex if "TRYWAIT" in src), default=0)
            spin = sum(n for n, _ in prod_ex if spin_n and n == spin_n)
            tot = sum(n for n, _ in prod_ex)
            print("  producer per warp and tile: %.1f executed, %.1f in the wait loop, %.1f besides"
                  % (tot / a.warp_tiles, spin / a.warp_tiles, (tot - spin) / a.warp_tiles))


if __name__ == "__main__":
    main()
