#!/usr/bin/env python3
"""Warp-stall samples of the sm90 kernel by code region and by instruction, from `ncu --page
source --csv --print-source sass` output of a profile with source counters (RESULTS 3.1r).

Regions as in ncu_regions.py: consumer from the consumers' `USETMAXREG.TRY_ALLOC` to the
producer's `USETMAXREG.DEALLOC`, producer from there on. For each kernel launch in the file:
samples per region, then the N instructions with the most samples and their top stall reasons.
ncu prints each launch's section twice; --all keeps the repeats (two launches of one
instantiation, e.g. pa-bench's contiguous and page-8 calls, share a name).

    python3 bench/wip_sm90/ncu_stalls.py prof_source.csv [--top 14] [--all]
"""
import argparse
import collections
import csv
import gzip


def sections(path, keep_all):
    """[(kernel name line, csv rows)] per kernel section of the file (gzipped if it ends in .gz)."""
    secs, cur = [], None
    with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as f:
        text = f.read()
    for line in text.split("\n"):
        if line.startswith('"Kernel Name"'):
            cur = [line]
            secs.append(cur)
        elif cur is not None:
            cur.append(line)
    out, seen = [], set()
    for sec in secs:
        if sec[0] in seen and not keep_all:
            continue
        seen.add(sec[0])
        out.append((sec[0], list(csv.reader([x for x in sec[1:] if x.strip()]))))
    return out


def regions(hdr, rows):
    """(region, index of the column names, source text, row) for each complete row of a launch:
    'pre' until the consumers' USETMAXREG.TRY_ALLOC, 'cons' until the producer's
    USETMAXREG.DEALLOC, 'prod' after."""
    ix = {h: i for i, h in enumerate(hdr)}
    region = "pre"
    for r in rows:
        if len(r) < len(hdr):
            continue
        src = r[ix["Source"]].strip()
        if "USETMAXREG.TRY_ALLOC" in src:
            region = "cons"
        if "USETMAXREG.DEALLOC" in src:
            region = "prod"
        yield region, ix, src, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--top", type=int, default=14)
    ap.add_argument("--all", action="store_true")
    a = ap.parse_args()
    for name, rows in sections(a.csv, a.all):
        hdr, rows = rows[0], rows[1:]
        stall_cols = [h for h in hdr if h.startswith("stall_") and "Not Issued" not in h]
        total, top = collections.Counter(), []
        for region, ix, src, r in regions(hdr, rows):
            n = int(r[ix["Warp Stall Sampling (All Samples)"]] or 0)
            total[region] += n
            why = sorted(((h[6:], int(r[ix[h]] or 0)) for h in stall_cols), key=lambda x: -x[1])[:3]
            top.append((n, region, src, why))
        print(name.split(",", 1)[1].strip('",'))
        print("  samples by region:", ", ".join("%s %d" % kv for kv in total.items()))
        top.sort(key=lambda x: -x[0])
        for n, region, src, why in top[:a.top]:
            print("  %7d %-4s %-62s %s" % (n, region, src[:62], " ".join("%s:%d" % w for w in why if w[1])))


if __name__ == "__main__":
    main()
