#!/usr/bin/env python3
"""Plots a pa-bench CSV (e.g. bench/runs/*/pa_bench.csv): prefill overhead of fragmented tables
over the contiguous run against page size, and decode % of the copy bandwidth against page size.

    python3 bench/plot_overhead.py RUN/pa_bench.csv OUT.png [--sm80 RUN/sm80.log]
"""
import csv, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt


def main():
    src, out = sys.argv[1], sys.argv[2]
    sm80 = sys.argv[sys.argv.index("--sm80") + 1] if "--sm80" in sys.argv else None
    rows = list(csv.DictReader(open(src)))
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5))
    for c, style in (("0", "o-"), ("1", "s--")):
        pts = sorted((int(r["page"]), float(r["overhead_pct"])) for r in rows
                     if r["kind"] == "prefill" and r["causal"] == c and r["table"] == "frag")
        if pts:
            a.plot([p for p, _ in pts], [v for _, v in pts], style,
                   label="automatic kernel, " + ("causal" if c == "1" else "non-causal"))
    if sm80:   # the text table pa-bench prints: ... causal table page ms TFLOPS GB/s overhead ...
        for c, style in (("0", "^:"), ("1", "v:")):
            pts = []
            for line in open(sm80):
                f = line.split()
                if len(f) > 12 and f[0] == "prefill" and f[7] == c and f[8] == "frag":
                    pts.append((int(f[9]), float(f[13].rstrip("%"))))
            if pts:
                a.plot([p for p, _ in pts], [v for _, v in pts], style,
                       label="sm80 kernel forced, " + ("causal" if c == "1" else "non-causal"))
    a.axhline(5, color="gray", lw=0.8)
    a.axhline(3, color="gray", lw=0.8, ls=":")
    a.set_xscale("log", base=2)
    a.set_xlabel("page size (tokens)")
    a.set_ylabel("time over contiguous (%)")
    a.set_title("prefill bf16 d128 B4 H16 8k, fragmented tables")
    a.legend(fontsize=8)
    shapes = {}
    for r in rows:
        if r["kind"] == "decode" and r["table"] == "frag":
            key = f"B{r['batch']} sq{r['sq']} sk{r['sk']}" + (" causal" if r["causal"] == "1" else "")
            shapes.setdefault(key, []).append((int(r["page"]), float(r["pct_of_copy"])))
    for k, pts in shapes.items():
        pts.sort()
        b.plot([p for p, _ in pts], [v for _, v in pts], "o-", label=k)
    b.axhline(90, color="gray", lw=0.8)
    b.set_xscale("log", base=2)
    b.set_xlabel("page size (tokens)")
    b.set_ylabel("% of device copy bandwidth")
    b.set_title("decode bf16 d128 GQA 32/8, fragmented tables")
    b.legend(fontsize=8)
    fig.suptitle(src)
    fig.tight_layout()
    fig.savefig(out, dpi=90)


if __name__ == "__main__":
    main()
