#!/usr/bin/env python3
"""Paged overheads timed by Nsight Compute at its locked clocks.

Under sustained work an H100/H200 runs at its power cap, and the clock a single 3..8 ms call gets
depends on the moment: pa-bench's paired overheads drift by about 2 points there (bench/RESULTS.md
2.20). ncu locks the clocks and flushes the caches before every kernel it profiles, so a kernel's
duration is repeatable to about 0.1%. This runs pa-bench under ncu, one duration metric per
prefill kernel launch, and maps the launches back to pa-bench's rows by their order:
per head_dim and mask, the contiguous row's calls, then per page size [paged, contiguous] x iters
(pa-bench's paired timing, `--warmup 0 --no-check`). Each row is the shortest paged call over the
shortest contiguous call paired with it.

    python3 bench/pa_ncu.py [--pa build/pa-bench] [--dims 128,64,256] [--pages 1,3,...] \\
        [--causal both] [--iters 2] [--table frag|contig] [--pa-extra "ARGS"] [--ncu-extra "ARGS"] [--out DIR]
    python3 bench/pa_ncu.py --csv FILE ...      (parse a saved ncu CSV instead of running ncu)

--table contig times page tables in pool order (page i of sequence b is b * pages_per_seq + i)
instead of fragmented ones: with the same lookups, the difference between the two is what the
pages' scattering costs. --pa-extra passes more pa-bench arguments (e.g. "--frag-block 8").
Prints one line per row and writes pa_ncu.json under --out (default $OUT or .).
"""
import argparse, csv, json, os, re, shutil, subprocess, sys

PAGES = "1,3,4,8,16,32,48,64,100,128,256,672"


def is_tail(name):
    """The sm90 kernel's last-wave pieces (its TAIL instance) or their merge: part of the call before."""
    # (TAIL is the 6th template argument; a 7th, when there is one, follows it)
    return ("tail_combine" in name or re.search(r"<\d+, \w+, \w+, \w+, \w+, (true|1)(, \w+)?>", name) is not None
            or re.search(r"ILi\d+(ELb[01]){4}ELb1E(Lb[01]E)?E", name) is not None)


def parse(text):
    """(kernel name, duration in ns) per call, in launch order, from ncu --csv output. A call that
    split its last wave (prefill_sm90.cu M39) launched 3 kernels: their durations add up (ncu runs
    them one after the other, so the pieces' overlap with the last wave is not credited). A call
    that copied its cache first (M80) adds the copy kernel's duration to its prefill kernel's, and
    so does a d128 page-run call's run table (M99, sm90_run_plan). A
    copy beside the attention (M82) cannot be timed here (ncu runs its kernel alone, before the
    attention): the call is charged the SMs it holds, its duration x its blocks / the SM count,
    which leaves out the attention's wait for the first items."""
    rows = list(csv.reader(l for l in text.splitlines() if l.startswith('"')))
    if not rows:
        return []
    hdr = rows[0]
    iname, ival, imet = hdr.index("Kernel Name"), hdr.index("Metric Value"), hdr.index("Metric Name")
    iid = hdr.index("ID") if "ID" in hdr else None
    kern, order = {}, []   # launch id -> (name, {metric: value})
    for n, r in enumerate(rows[1:]):
        if len(r) <= ival:
            continue
        key = r[iid] if iid is not None else n
        if key not in kern:
            kern[key] = (r[iname], {})
            order.append(key)
        try:
            kern[key][1][r[imet]] = float(r[ival].replace(",", ""))
        except ValueError:
            pass
    out, pre = [], 0.0
    for key in order:
        name, m = kern[key]
        if "gpu__time_duration.sum" not in m:
            continue
        t = m["gpu__time_duration.sum"]
        if "kv_copy_ordered_kernel" in name:   # M82: the SMs it holds beside the attention
            sms = m.get("device__attribute_multiprocessor_count", 0.0)
            pre += t * m.get("launch__grid_size", sms) / sms if sms > 0 else t
        elif "kv_copy_kernel" in name or "sm90_run_plan" in name:   # M80's copy of the cache, M99's run table: part of the call after it
            pre += t
        elif is_tail(name) and out:
            out[-1] = (out[-1][0], out[-1][1] + t)
        else:
            out.append((name, t + pre))
            pre = 0.0
    return out


def rows_of(launches, dims, causals, pages, iters):
    """pa-bench's rows from its launches (see the module doc); None when the count does not match."""
    per = iters + 2 * iters * len(pages)
    if len(launches) != len(dims) * len(causals) * per:
        return None
    out, i = [], 0
    for d in dims:
        for c in causals:
            base = min(t for _, t in launches[i:i + iters]); i += iters
            out.append(dict(d=d, causal=c, page=0, paged_us=None, contig_us=base / 1e3, overhead_pct=0.0,
                            kernel=launches[i - 1][0]))
            for p in pages:
                blk = launches[i:i + 2 * iters]; i += 2 * iters
                pg, ct = min(t for _, t in blk[0::2]), min(t for _, t in blk[1::2])
                out.append(dict(d=d, causal=c, page=p, paged_us=pg / 1e3, contig_us=ct / 1e3,
                                overhead_pct=100.0 * (pg / ct - 1), kernel=blk[0][0]))
    return out


def ncu_command(pa, dims, causal, pages, iters, table="frag", pa_extra="", ncu_extra=""):
    """The ncu command line that profiles pa-bench's prefill rows (one duration per launch)."""
    return (["ncu", "--csv", "--metrics", "gpu__time_duration.sum,launch__grid_size,device__attribute_multiprocessor_count",
             "-k", "regex:prefill_kernel|tail_combine|kv_copy|sm90_run_plan"] + ncu_extra.split() + [pa,
             "--prefill-only", "--dims", dims, "--causal", causal, "--pages", pages, "--table", table,
             "--warmup", "0", "--iters", str(iters), "--no-check"] + pa_extra.split())


def template_args(name):
    a, b = name.find("<"), name.find(">")
    return name[a:b + 1] if 0 <= a < b else name[:40]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pa", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                 "build", "pa-bench"))
    ap.add_argument("--dims", default="128,64,256")
    ap.add_argument("--pages", default=PAGES)
    ap.add_argument("--causal", default="both", choices=("0", "1", "both"))
    ap.add_argument("--iters", type=int, default=2)
    ap.add_argument("--table", default="frag", choices=("frag", "contig"))
    ap.add_argument("--pa-extra", default="", help="more pa-bench arguments, one string")
    ap.add_argument("--ncu-extra", default="", help="more ncu arguments, one string (e.g. "
                    "\"--clock-control none --cache-control none\": unlocked clocks, no flush)")
    ap.add_argument("--csv", default="", help="parse this saved ncu CSV instead of running ncu")
    ap.add_argument("--out", default=os.environ.get("OUT", "."))
    a = ap.parse_args()
    dims = [int(x) for x in a.dims.split(",")]
    pages = [int(x) for x in a.pages.split(",")]
    if 0 in pages:   # the contiguous row comes with every paged row
        pages = [x for x in pages if x != 0]
        if not pages:
            print("pa_ncu: --pages needs paged sizes (each is timed with its contiguous row; 0 is implied)")
            return 2
        a.pages = ",".join(str(x) for x in pages)
        print("pa_ncu: page 0 dropped from --pages (every paged row brings its contiguous row)")
    causals = {"0": [0], "1": [1], "both": [0, 1]}[a.causal]
    if a.csv:
        text = open(a.csv).read()
    else:
        if not shutil.which("ncu"):
            print("pa_ncu: ncu (Nsight Compute) is not on the PATH; nothing measured")
            return 2
        cmd = ncu_command(a.pa, a.dims, a.causal, a.pages, a.iters, a.table, a.pa_extra, a.ncu_extra)
        p = subprocess.run(cmd, capture_output=True, text=True)
        text = p.stdout
        if p.returncode:
            print(f"pa_ncu: ncu exited {p.returncode}: {p.stderr.strip()[-400:]}")
            return 1
    if not a.csv:
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, "ncu.csv"), "w") as f:
            f.write(text)
    launches = parse(text)
    rows = rows_of(launches, dims, causals, pages, a.iters)
    if rows is None:
        print(f"pa_ncu: {len(launches)} prefill launches profiled, expected "
              f"{len(dims) * len(causals) * (a.iters + 2 * a.iters * len(pages))}: cannot map them to rows")
        return 1
    what = "fragmented tables" if a.table == "frag" else "tables in pool order"
    if a.pa_extra:
        what += ", pa-bench " + a.pa_extra
    if a.ncu_extra:
        what += ", ncu " + a.ncu_extra
    print("PAGED OVERHEAD at %s (%s; shortest of %d calls each):"
          % ("ncu's locked clocks" if "clock-control none" not in a.ncu_extra else "unlocked clocks under ncu", what, a.iters))
    print(f"{'d':>4}{'causal':>7}{'page':>6}{'paged us':>11}{'contig us':>11}{'overhead':>10}  kernel")
    for r in rows:
        paged = f"{r['paged_us']:11.1f}" if r["paged_us"] is not None else f"{'-':>11}"
        print(f"{r['d']:>4}{r['causal']:>7}{r['page'] or '-':>6}{paged}{r['contig_us']:11.1f}"
              f"{r['overhead_pct']:+9.1f}%  {template_args(r['kernel'])}")
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "pa_ncu.json"), "w") as f:
        json.dump(dict(iters=a.iters, table=a.table, pa_extra=a.pa_extra, ncu_extra=a.ncu_extra, rows=rows), f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
