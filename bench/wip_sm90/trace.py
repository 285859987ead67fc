#!/usr/bin/env python3
"""Per-CTA timeline of the sm90 prefill kernel from a -DSM90_TRACE build (clock64 stamps; see
SM90_TR in prefill_sm90.cu). Runs one contiguous call per spec d:sq:sk[:causal] (B 4, H 16; 32 at
d64) a few times, dumps the last call's stamps and prints where a CTA's time goes, in cycles.
    PAGEDATTN_LIBRARY=build_T/libpagedattn.so PYTHONPATH=python python3 bench/wip_sm90/trace.py 128:8192:8192
A fifth field, d:sq:sk:causal:page, runs the call on a paged cache with a fragmented table (pool
3x the pages needed, pages in random order), as pa-bench's frag rows."""
import os, sys, struct
import numpy as np
import torch
import pagedattn

def inputs(spec):
    """The call of spec d:sq:sk[:causal[:page]]: (q, k, v, lens, table, sq, sk, causal, out), the
    keys and values in a fragmented pool of pages when page > 0 (pytime.py uses it too)."""
    f = [int(x) for x in spec.split(":")]
    d, sq, sk, causal = f[0], f[1], f[2], bool(f[3]) if len(f) > 3 else False
    page = f[4] if len(f) > 4 else 0
    B, H = 4, (32 if d == 64 else 16)
    q = torch.randn(B, sq, H, d, device="cuda", dtype=torch.bfloat16)
    k, v = (torch.randn(B, sk, H, d, device="cuda", dtype=torch.bfloat16) for _ in range(2))
    lens = torch.full((B,), sk, device="cuda", dtype=torch.int32)
    out = torch.empty_like(q)
    table = None
    if page:
        per = (sk + page - 1) // page
        pool = 3 * B * per
        g = torch.Generator(device="cpu").manual_seed(7)
        ids = torch.randperm(pool, generator=g)[:B * per].view(B, per).to(torch.int32)
        kc = torch.zeros(pool, page, H, d, device="cuda", dtype=torch.bfloat16)
        vc = torch.zeros_like(kc)
        pad = per * page - sk
        kp = torch.nn.functional.pad(k, (0, 0, 0, 0, 0, pad)).view(B * per, page, H, d)
        vp = torch.nn.functional.pad(v, (0, 0, 0, 0, 0, pad)).view(B * per, page, H, d)
        kc[ids.view(-1).long().cuda()] = kp
        vc[ids.view(-1).long().cuda()] = vp
        k, v, table = kc, vc, ids.cuda()
    return q, k, v, lens, table, sq, sk, causal, out


def run(spec, path):
    q, k, v, lens, table, sq, sk, causal, out = inputs(spec)
    for i in range(4):
        if i == 3:
            os.environ["PA_SM90_TRACE_OUT"] = path
            os.environ["PA_SM90_TILE_TRACE_OUT"] = path + ".tiles"
        pagedattn.attention(q, k, v, lens, table, max_seqlen_q=sq, max_seq_len=sk, causal=causal, out=out)
        torch.cuda.synchronize()
    os.environ.pop("PA_SM90_TRACE_OUT", None)
    os.environ.pop("PA_SM90_TILE_TRACE_OUT", None)
    raw = open(path, "rb").read()
    gx, gy, gz = struct.unpack("3I", raw[:12])
    t = np.frombuffer(raw[12:], dtype=np.uint64).reshape(-1, 24).astype(np.int64)
    return (gx, gy, gz), t, sk

def cta_end(t, d):
    """Each CTA's last warpgroup's end (O stored): wg0 / wg1 stamps 6 / 11; at d64 a third consumer
    warpgroup (M41) stamps 20..23, its O store in 23."""
    end = np.maximum(t[:, 6], t[:, 11])
    return np.maximum(end, t[:, 23]) if d == 64 else end

def cta_tiles(spec, grid, n):
    """Each of the n traced CTAs' key tiles (the grid walks query blocks heaviest first; causal
    CTAs differ): BN 64 at d256, else 128; BM 192 at d64, else 128."""
    f = [int(x) for x in spec.split(":")]
    d, sq, sk, causal = f[0], f[1], f[2], len(f) > 3 and f[3] != 0
    bn, bm = (64 if d == 256 else 128), (192 if d == 64 else 128)
    if not causal:
        return np.full(n, (sk + bn - 1) // bn)
    mb = grid[0] - 1 - (np.arange(n) % grid[0])
    return np.minimum((np.minimum((mb + 1) * bm + (sk - sq), sk) + bn - 1) // bn, (sk + bn - 1) // bn)

def tiles(path):
    """The per-tile stamps (SM90_TT: 64 CTAs from SM90_TT_BASE on, 0 unless the trace build sets
    it, warpgroups 0/1, tiles 1..31, 8 stamps), per warpgroup: median cycles of each step over
    tiles 4..30 of every CTA that has them."""
    if not os.path.exists(path):
        return
    tt = np.fromfile(path, dtype=np.uint64).reshape(64, 2, 32, 8).astype(np.int64)
    names = ["turn wait (named barrier)", "K/V full waits", "issue S + P V", "S(j) wait",
             "softmax", "P V(j-1) wait", "rescale O + pack P"]
    if os.environ.get("TT_KV"):   # a -DSM90_TT_KV=1 build: stamp 2 sits between K's and V's waits
        names[1:3] = ["K(j) full wait", "V(j-1) full wait + issue"]
    print("  per tile, medians over the 64 traced CTAs and tiles 4..30 (cycles):")
    print("    %-28s %8s %8s" % ("step", "wg0", "wg1"))
    sel = slice(4, 31)
    ok = (tt[:, :, sel, 7] > 0).all(axis=(1, 2))
    t = tt[ok][:, :, sel, :]
    if not len(t):
        print("    (no complete tiles)")
        return
    for k, name in enumerate(names):
        d = t[..., k + 1] - t[..., k]
        print("    %-28s %8.0f %8.0f" % (name, np.median(d[:, 0]), np.median(d[:, 1])))
    per = t[:, :, 1:, 0] - t[:, :, :-1, 0]
    print("    %-28s %8.0f %8.0f" % ("tile period", np.median(per[:, 0]), np.median(per[:, 1])))
    print("    wg1's issue after wg0's, same tile: %.0f cycles" % np.median(t[:, 1, :, 3] - t[:, 0, :, 3]))


def pct(a):
    return "med %7.0f  p10 %7.0f  p90 %7.0f" % (np.median(a), np.percentile(a, 10), np.percentile(a, 90))

if os.environ.get("PA_TRACE_NO_COPY"):   # the box regimes even where the library would copy the pages (M81)
    pagedattn.set_kv_copy_limit(0)
for spec in sys.argv[1:]:
    grid, t, sk = run(spec, "/tmp/sm90_trace.bin")
    sm, entry = t[:, 0], t[:, 1]
    f = [int(x) for x in spec.split(":")]
    bn = 64 if f[0] == 256 else 128
    end = cta_end(t, f[0])
    ntiles = sk // bn
    print("== %s grid %s, %d CTAs on %d SMs" % (spec, grid, len(t), len(set(sm.tolist()))))
    rows = [("entry -> producer prefetch done", t[:, 16] - entry), ("entry -> warp 0 before empty wait", t[:, 19] - entry),
            ("entry -> warp 0 past empty wait", t[:, 17] - entry), ("entry -> warp 0 expect_tx done", t[:, 18] - entry), ("entry -> __syncthreads done", t[:, 15] - entry),
            ("entry -> producer setmaxnreg", t[:, 7] - entry), ("entry -> wg0 setmaxnreg", t[:, 12] - entry),
            ("entry -> K tile 0 TMA issued", t[:, 2] - entry), ("entry -> V tile 0 TMA issued", t[:, 13] - entry),
            ("entry -> wg0 Q in smem", t[:, 3] - entry), ("entry -> wg1 Q in smem", t[:, 8] - entry),
            ("entry -> wg0 S(0) done", t[:, 4] - entry), ("entry -> wg1 S(0) done", t[:, 9] - entry),
            ("wg0 S(0) -> last P V done", t[:, 5] - t[:, 4]), ("wg1 S(0) -> last P V done", t[:, 10] - t[:, 9]),
            ("wg0 last P V -> O stored", t[:, 6] - t[:, 5]), ("wg1 last P V -> O stored", t[:, 11] - t[:, 10]),
("entry -> CTA end (every wg)", end - entry)]
    if f[0] == 64:
        rows[-1:-1] = [("entry -> wg2 S(0) done", t[:, 21] - entry), ("wg2 last P V -> O stored", t[:, 23] - t[:, 22])]
    for name, a in rows: print("  %-30s %s" % (name, pct(a)))
    loop = np.median(t[:, 10] - t[:, 9])
    print("  steady tile (wg1 loop / %d tiles): %.0f cycles" % (ntiles - 1, loop / (ntiles - 1)))
    # per SM: gap from one CTA's end to the next one's entry
    gaps, spans = [], []
    for s in set(sm.tolist()):
        idx = np.where(sm == s)[0]
        o = idx[np.argsort(entry[idx])]
        gaps += list(entry[o[1:]] - end[o[:-1]])
        spans.append(end[o[-1]] - entry[o[0]])
    gaps = np.array(gaps)
    print("  %-30s %s  (negative = overlap)" % ("prev CTA end -> next entry", pct(gaps)))
    print("  SM busy span: med %.0f cycles; CTAs per SM %.0f" % (np.median(spans), len(t) / len(set(sm.tolist()))))
    fixed = np.median(end - entry) - ntiles * loop / (ntiles - 1) + np.median(gaps)
    print("  fixed per CTA (CTA span - tiles x steady tile + gap): %.0f cycles" % fixed)
    # per CTA: span against its tile count (causal CTAs differ), least squares span = a + b tiles
    nt = cta_tiles(spec, grid, len(t))
    span = end - entry
    if len(set(nt.tolist())) > 1:
        b_, a_ = np.polyfit(nt, span, 1)
        print("  per CTA fit: span = %.0f + %.0f x tiles cycles (tiles %d..%d)" % (a_, b_, nt.min(), nt.max()))
    else:
        print("  per CTA: %d tiles, span med %.0f -> %.0f a tile" % (nt[0], np.median(span), np.median(span) / nt[0]))
    tiles("/tmp/sm90_trace.bin.tiles")
