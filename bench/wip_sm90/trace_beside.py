#!/usr/bin/env python3
"""Where the copy beside's cost goes, from a -DSM90_TRACE -DSM90_TRACE_GT build (global-timer
stamps, ns; the copy kernel's per-block stamps too). For each spec d:sq:sk:causal:page it runs the
contiguous call and the paged call on a fragmented table (trace.py's run: B 4, H 16; 32 at d64),
whatever path the library picks for it, and accounts for the machine's time, SMs x span, in SM-ms:
    attention CTAs (entry -> last warpgroup's end), of it the producers' wait for the copy's
    counter (stamps 15 -> 7), the copy's blocks (entry -> last warp's exit), and the rest (gaps
    between CTAs, the ragged end).
and the per-tile time of the CTAs that ran while the copy ran against those after it (the copy's
traffic slowing the attention shows there), and the SM clock's rate over those CTAs (a power cap
shows there). Caveat: a call with last-wave pieces (M39 / M94 TAIL launches) stamps them over the
main grid's first CTA slots (the same SM90_CTA_ID); d256 calls beside a copy launch none.
    PAGEDATTN_LIBRARY=build_tr/libpagedattn.so PYTHONPATH=python python3 bench/wip_sm90/trace_beside.py 256:8192:8192:1:9
"""
import os, sys
import numpy as np
import torch
_argv, sys.argv = sys.argv, sys.argv[:1]   # trace.py's module body runs its own argv's specs
import trace as tr   # bench/wip_sm90/trace.py (this folder comes first on sys.path)
sys.argv = _argv

NSM = torch.cuda.get_device_properties(0).multi_processor_count


def copy_stamps(path):
    if not os.path.exists(path):
        return None
    c = np.fromfile(path, dtype=np.uint64).reshape(1024, 3).astype(np.int64)
    c = c[c[:, 1] > 0]
    return c


def one(spec, paged):
    f = [int(x) for x in spec.split(":")]
    if not paged:
        spec = ":".join(str(x) for x in f[:4])
    cpath = "/tmp/copy_trace.bin"
    if os.path.exists(cpath):
        os.remove(cpath)
    os.environ["PA_COPY_TRACE_OUT"] = cpath
    grid, t, sk = tr.run(spec, "/tmp/sm90_trace_%d.bin" % paged)
    os.environ.pop("PA_COPY_TRACE_OUT", None)
    c = copy_stamps(cpath) if paged else None
    d = f[0]
    end = tr.cta_end(t, d)
    entry = t[:, 1]
    wait = np.maximum(t[:, 7] - t[:, 15], 0)
    t0 = entry.min()
    if c is not None:
        # the buffer keeps an earlier call's blocks past this call's count: only this call's (10 ms)
        c = c[c[:, 1] >= t0 - 10_000_000]
        if len(c):
            t0 = min(t0, c[:, 1].min())
        else:
            c = None
    span_t = end.max() - t0
    nt = tr.cta_tiles(spec, grid, len(t))
    # the SM clock's rate (MHz) over each CTA: clock64 cycles at entry / wg0's and wg1's ends (slots
    # 14, 20, 21) over the global timer's ns (not d64, whose third warpgroup uses slots 20..23)
    mhz = None
    if d != 64:
        wg_end = np.where(t[:, 21] > t[:, 20], t[:, 21], t[:, 20])
        gt_end = np.where(t[:, 21] > t[:, 20], t[:, 11], t[:, 6])
        mhz = 1e3 * (wg_end - t[:, 14]) / np.maximum(gt_end - entry, 1)
    return dict(grid=grid, entry=entry - t0, end=end - t0, wait=wait, work=end - entry - wait, span=span_t, copy=c, t0=t0,
                nt=nt, mhz=mhz)


def fit(span, nt):
    if len(set(nt.tolist())) > 1 and len(span) > 8:
        b, a = np.polyfit(nt, span, 1)
        return a, b
    return 0.0, np.median(span) / max(nt[0], 1)


for spec in sys.argv[1:]:
    c0 = one(spec, False)
    p = one(spec, True)
    base = NSM * c0["span"] / 1e6   # SM-ms of the contiguous call
    print("== %s (%d SMs): contiguous %.1f us, paged %.1f us (%+.2f%%)" % (
        spec, NSM, c0["span"] / 1e3, p["span"] / 1e3, 100 * (p["span"] / c0["span"] - 1)))
    print("   %-44s %10s %10s   (SM-ms; %% of the contiguous call's SMs x span)" % ("", "contig", "paged"))
    rows = []
    for r in (c0, p):
        cta = (r["end"] - r["entry"]).sum() / 1e6
        w = r["wait"].sum() / 1e6
        cp = 0.0 if r["copy"] is None else (r["copy"][:, 2] - r["copy"][:, 1]).sum() / 1e6
        tot = NSM * r["span"] / 1e6
        rows.append((tot, cta - w, w, cp, tot - cta - cp))
    names = ["SMs x span", "attention CTAs, less the waits", "the producers' waits for the copy",
             "the copy's blocks", "the rest: gaps, the ragged end"]
    for i, n in enumerate(names):
        print("   %-44s %10.3f %10.3f   %+6.2f%%" % (n, rows[0][i], rows[1][i], 100 * (rows[1][i] - rows[0][i]) / base))
    # each CTA's span less its wait against the same CTA index's contiguous span (same grids only)
    ratio = p["work"] / np.maximum(c0["work"], 1) if len(p["work"]) == len(c0["work"]) else None
    if ratio is not None:
        print("   every CTA: its span less its wait, paged / contiguous (same CTA index): median %.4f, mean %.4f, p10 %.4f, p90 %.4f" % (
            np.median(ratio), ratio.mean(), np.percentile(ratio, 10), np.percentile(ratio, 90)))
    copied = p["copy"] is not None
    if copied:
        cc = p["copy"]
        ce = cc[:, 2].max() - p["t0"]
        print("   the copy: %d blocks on %d SMs, from %.1f to %.1f us (blocks' spans %.1f..%.1f us)" % (
            len(cc), len(set(cc[:, 0].tolist())), (cc[:, 1].min() - p["t0"]) / 1e3, ce / 1e3,
            (cc[:, 2] - cc[:, 1]).min() / 1e3, (cc[:, 2] - cc[:, 1]).max() / 1e3))
        during = p["entry"] + p["wait"] < ce
        after = p["entry"] > ce
        for name, sel in (("CTAs during the copy", during), ("CTAs after it", after)):
            if sel.sum() > 8 and ratio is not None:
                a, b = fit(p["work"][sel], p["nt"][sel])
                a0, b0 = fit(c0["work"][sel], c0["nt"][sel])
                print("   %-22s %5d: span less wait = %.0f + %.1f x tiles ns (contiguous, same CTAs: %.0f + %.1f): per tile %+.2f%%;"
                      " the same CTA's span, paged / contiguous: median %.4f, mean %.4f" % (
                    name, sel.sum(), a, b, a0, b0, 100 * (b / b0 - 1), np.median(ratio[sel]), ratio[sel].mean()))
        print("   CTAs that waited: %d of %d; the longest wait %.1f us; the %d longest waits %.3f SM-ms" % (
            (p["wait"] > 2000).sum(), len(p["wait"]), p["wait"].max() / 1e3, NSM, np.sort(p["wait"])[::-1][:NSM].sum() / 1e6))
    else:
        print("   (no copy kernel ran beside this call)")
    if p["mhz"] is not None:
        med = lambda sel: np.median(p["mhz"][sel]) if sel.any() else 0
        print("   SM clock over each CTA, median MHz: contiguous %.0f, paged %.0f%s" % (np.median(c0["mhz"]), np.median(p["mhz"]),
              "; paged during the copy %.0f, after it %.0f" % (med(during), med(after)) if copied else ""))
