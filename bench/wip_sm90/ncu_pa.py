#!/usr/bin/env python3
"""Paged overheads at ncu's locked clocks: reads the CSV of
    ncu --csv --metrics gpu__time_duration.sum -k regex:sm90_prefill build/pa-bench --prefill-only \\
        --dims D,.. --causal both --pages P,.. --table frag --warmup 0 --iters 2 --no-check
and maps the launches back to pa-bench's rows by their order (per head_dim and mask: the
contiguous row's 2 calls, then per page size [paged, contiguous] x 2, paired as pa-bench runs them).
Prints, per row, the two paged times against the two paired contiguous ones (min / min).
    python3 ncu_pa.py CSV dims pages causal(0|1|both)"""
import csv, sys

path, dims, pages, cm = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), sys.argv[4]
rows = [r for r in csv.reader(l for l in open(path) if l.startswith('"'))]
hdr = rows[0]
iname, ival, imet = hdr.index("Kernel Name"), hdr.index("Metric Value"), hdr.index("Metric Name")
ks = [(r[iname], float(r[ival].replace(",", ""))) for r in rows[1:] if r[imet] == "gpu__time_duration.sum"]
causals = {"0": ["0"], "1": ["1"], "both": ["0", "1"]}[cm]
need = len(dims) * len(causals) * (2 + 4 * len(pages))
print("launches %d, expected %d" % (len(ks), need))
if len(ks) != need:
    sys.exit(1)
i = 0
print("d    causal page  paged us (min)  contig us (min)  overhead   kernel of the paged row")
for d in dims:
    for c in causals:
        base = min(ks[i][1], ks[i + 1][1]); i += 2
        print("%-4s %-6s %-5s %14s %16.1f" % (d, c, "-", "-", base / 1e3))
        for p in pages:
            pg = min(ks[i][1], ks[i + 2][1]); ct = min(ks[i + 1][1], ks[i + 3][1]); name = ks[i][0]; i += 4
            print("%-4s %-6s %-5s %14.1f %16.1f %+8.1f%%   %s" % (d, c, p, pg / 1e3, ct / 1e3, (pg / ct - 1) * 100,
                                                              name[name.find("<"):name.find(">") + 1]))
