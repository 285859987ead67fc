#!/usr/bin/env python3
"""Instruction counts of the sm90 kernel by code region, from `ncu --page source --csv
--print-source sass` output of a profile with source counters (RESULTS 3.1q).

The consumer region runs from the consumers' `USETMAXREG.TRY_ALLOC` to the producer's
`USETMAXREG.DEALLOC`, the producer region from there on. Counts are divided by the number of
key tiles of the call (--tiles; default the benchmark's d128 non-causal shape: 4096 CTAs x 64
tiles), so a loop-body instruction shows as (consumer warps) x (iterations / tiles), 7.9 for the
d128 non-causal loop. For each kernel in the file: instructions per tile per region with the top
opcodes; then, for the first two kernels, the loop-body opcodes (count per tile > --loop) that
differ.

    python3 bench/wip_sm90/ncu_regions.py prof_source.csv [--tiles N] [--loop 7]
"""
import argparse
import collections
import csv


def kernels(path):
    """[(name, rows)] per kernel of the CSV (ncu may print a kernel twice; kept once)."""
    out, cur, seen = [], None, set()
    for line in open(path).read().split("\n"):
        if line.startswith('"Kernel Name"'):
            cur = [line]
            out.append(cur)
        elif cur is not None:
            cur.append(line)
    res = []
    for sec in out:
        name = sec[0].split(",", 1)[1].strip().rstrip(",").strip('"')
        rows = list(csv.reader(sec[1:]))
        if name in seen:
            continue
        seen.add(name)
        res.append((name, rows))
    return res


def opcode(sass):
    f = sass.split()
    return (f[1] if f[0].startswith("@") and len(f) > 1 else f[0]) if f else ""


def regions(rows, tiles):
    hdr = rows[0]
    ie, src = hdr.index("Instructions Executed"), hdr.index("Source")
    reg, per = "pre", collections.defaultdict(collections.Counter)
    loop = collections.Counter()
    for r in rows[1:]:
        if len(r) <= ie:
            continue
        s = r[src]
        if "USETMAXREG.TRY_ALLOC" in s:
            reg = "consumer"
        if "USETMAXREG.DEALLOC" in s:
            reg = "producer"
        c = float(r[ie] or 0) / tiles
        per[reg][opcode(s).split(".")[0]] += c
        if reg == "consumer":
            loop[(opcode(s), round(c, 1))] += 1
    return per, loop


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--tiles", type=float, default=4096 * 64)
    ap.add_argument("--loop", type=float, default=7.0, help="count per tile above which a line is in the loop body")
    a = ap.parse_args()
    ks = kernels(a.csv)
    loops = []
    for name, rows in ks:
        per, loop = regions(rows, a.tiles)
        print(name)
        for reg in ("consumer", "producer"):
            tot = sum(per[reg].values())
            top = ", ".join("%s %.0f" % (o, c) for o, c in per[reg].most_common(10))
            print("  %-8s %7.0f a tile: %s" % (reg, tot, top))
        body = collections.Counter()
        for (op, c), n in loop.items():
            if c > a.loop:
                body[op] += n
        print("  loop body: %d instructions a warp and iteration" % sum(body.values()))
        loops.append(body)
    if len(loops) >= 2:
        x, y = loops[0], loops[1]
        print("loop-body opcodes that differ (first kernel, second kernel):")
        for op in sorted(set(x) | set(y), key=lambda o: y[o] - x[o]):
            if x[op] != y[op]:
                print("  %-40s %4d %4d %+d" % (op, x[op], y[op], y[op] - x[op]))


if __name__ == "__main__":
    main()
