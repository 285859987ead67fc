#!/usr/bin/env python3
"""Side-by-side comparison on the device machine: pagedattn (build/pa-bench) against torch SDPA's
flash (FA2) and cuDNN backends, at the seed's shapes, in one run on one GPU; also against
flash-attn-4 (FlashAttention's CuTe-DSL kernel) and FlashInfer with paged tables where they can be
imported (carried wheels on PYTHONPATH), else a row says why.

    python3 bench/compare.py [--quick] [--pa-args "..."] [--out DIR]
    python3 bench/compare.py --others-only --other-systems flashinfer --other-pages 0,16   (no anchors, no pa-bench)

The anchors are measured in this process with CUDA events (warm-up, median). pa-bench runs as a
child process of this one, right after, on the same GPU, and its CSV is merged into one table of
ratios. Writes compare.csv and compare.json under --out (default $OUT or .).

The "vs cuDNN" column sets pa-bench's rows against the anchors' runs, which come at other moments
of the call. The GPU slows under sustained work, and our kernel slows more than cuDNN's
(bench/RESULTS.md 2.19), so that column flatters whichever side ran cooler. At the end,
bench/interleaved.py times the contiguous shapes against cuDNN interleaved in one process (through
the Python package and build/libpagedattn.so): that is the same-conditions ratio. --no-interleaved
skips it. Then, where Nsight Compute is on the PATH, bench/pa_ncu.py times pa-bench's paged rows at
ncu's locked clocks, which pa-bench's own paired timing cannot match under the power cap
(--no-ncu-paged skips it).
"""
import argparse, csv, io, json, os, subprocess, sys, time


def bench(fn, warm=5, rep=30):
    import torch
    for _ in range(warm):
        fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(rep):
        a = torch.cuda.Event(enable_timing=True)
        b = torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); b.synchronize()
        ts.append(a.elapsed_time(b))
    ts.sort()
    return ts[len(ts) // 2]


def flops(B, H, sq, sk, d, causal):
    avg = (max(0, sk - sq) + sk) / 2 if causal else sk
    return 4.0 * B * H * sq * avg * d


def anchors(quick, dims=None, decode=True):
    import torch
    import torch.nn.functional as F
    from torch.nn.attention import sdpa_kernel, SDPBackend
    torch.manual_seed(0)
    dev = torch.device("cuda")
    rows = []
    backs = {"fa2": SDPBackend.FLASH_ATTENTION, "cudnn": SDPBackend.CUDNN_ATTENTION}
    prefill = [(4, 16, 16, 8192, 128, False), (4, 16, 16, 8192, 128, True)]
    if not quick:
        prefill += [(4, 32, 32, 8192, 64, False), (4, 32, 32, 8192, 64, True),
                    (4, 16, 16, 8192, 256, False)]
    if dims:
        prefill = [x for x in prefill if x[4] in dims]
    for B, H, Hk, S, d, causal in prefill:
        q = torch.randn(B, H, S, d, device=dev, dtype=torch.bfloat16)
        k = torch.randn(B, Hk, S, d, device=dev, dtype=torch.bfloat16)
        v = torch.randn_like(k)
        for name, bk in backs.items():
            try:
                with sdpa_kernel([bk]):
                    ms = bench(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal))
                rows.append(dict(kind="prefill", who=name, d=d, B=B, H=H, Hk=Hk, sq=S, sk=S,
                                 causal=int(causal), ms=ms, tflops=flops(B, H, S, S, d, causal) / ms / 1e9))
            except Exception as e:
                rows.append(dict(kind="prefill", who=name, d=d, causal=int(causal), err=str(e)[:100]))
            print(rows[-1], flush=True)
        del q, k, v
    # decode: sq = 1 (and 4 causal), GQA 32/8, d 128; cuDNN/FA2 read the whole padded K/V
    dec = [(4, 1, 65536, False), (64, 1, 8192, False), (128, 1, 4096, False), (1, 1, 131072, False)]
    if not quick:
        dec.append((64, 4, 8192, True))
    if not decode:
        dec = []
    for B, sq, sk, causal in dec:
        q = torch.randn(B, 32, sq, 128, device=dev, dtype=torch.bfloat16)
        k = torch.randn(B, 8, sk, 128, device=dev, dtype=torch.bfloat16)
        v = torch.randn_like(k)
        byts = 2 * k.numel() * 2
        for name, bk in backs.items():
            try:
                if causal:  # torch's is_causal is top-left aligned for sq != sk: use an explicit bottom-right mask
                    from torch.nn.attention.bias import causal_lower_right
                    mask = causal_lower_right(sq, sk)
                    with sdpa_kernel([bk]):
                        fn = lambda: F.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)
                        ms = bench(fn)
                else:
                    with sdpa_kernel([bk]):
                        ms = bench(lambda: F.scaled_dot_product_attention(q, k, v, enable_gqa=True))
                rows.append(dict(kind="decode", who=name, d=128, B=B, H=32, Hk=8, sq=sq, sk=sk,
                                 causal=int(causal), ms=ms, gbps=byts / ms / 1e6))
            except Exception as e:
                rows.append(dict(kind="decode", who=name, B=B, sq=sq, sk=sk, causal=int(causal), err=str(e)[:100]))
            print(rows[-1], flush=True)
        del q, k, v
    # what a user without a paged kernel does: gather the pages, then FA2 (seed shape, causal)
    B, H, S, d = 4, 16, 8192, 128
    for page in (16, 64):
        npg = S // page
        kc = torch.randn(B * npg, page, H, d, device=dev, dtype=torch.bfloat16)
        vc = torch.randn_like(kc)
        bt = torch.randperm(B * npg, device=dev).view(B, npg)
        q = torch.randn(B, H, S, d, device=dev, dtype=torch.bfloat16)

        def fn():
            kk = kc[bt].view(B, S, H, d).transpose(1, 2)
            vv = vc[bt].view(B, S, H, d).transpose(1, 2)
            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                return F.scaled_dot_product_attention(q, kk, vv, is_causal=True)
        ms = bench(fn)
        rows.append(dict(kind="prefill", who="gather+fa2", d=d, B=B, H=H, Hk=H, sq=S, sk=S, causal=1,
                         page=page, ms=ms, tflops=flops(B, H, S, S, d, True) / ms / 1e9))
        print(rows[-1], flush=True)
        del kc, vc, q
    torch.cuda.empty_cache()
    return rows


# Page sizes at which the other paged-attention systems run the seed's prefill shape.
OTHER_PAGES = (0, 1, 16, 64, 100, 128)   # 0: the system's contiguous cache (its own baseline)


def paged_pool(B, S, Hk, d, page, dev, torch):
    """A fragmented pool like pa-bench's: 3x the pages the batch needs, a random permutation."""
    npg = -(-S // page)
    pool = 3 * B * npg
    kc = torch.randn(pool, page, Hk, d, device=dev, dtype=torch.bfloat16)
    vc = torch.randn_like(kc)
    table = torch.randperm(pool, device=dev)[:B * npg].view(B, npg).to(torch.int32)
    return kc, vc, table, npg


def others(quick, pages=None, systems_wanted=("fa4", "flashinfer"), budget_s=1e9):
    """FlashAttention's CuTe-DSL kernel (flash-attn-4) and FlashInfer on the seed's prefill shape
    (bf16, d128, B4, H16, 8k) with fragmented page tables, where they can be imported here; where
    they cannot, one row says why. Page 0 is the system's own contiguous cache, the baseline of
    its paged overhead. Each row is timed like the anchors (warm-up, median)."""
    import torch
    dev = torch.device("cuda")
    rows = []
    B, H, S, d = 4, 16, 8192, 128
    systems = []
    if "fa4" in systems_wanted:
        try:
            from flash_attn.cute import flash_attn_varlen_func as fa4
            systems.append("fa4")
        except Exception as e:
            rows.append(dict(kind="prefill", who="fa4", err=f"not importable: {type(e).__name__}: {str(e)[:120]}"))
    if "flashinfer" in systems_wanted:
        try:
            import flashinfer
            systems.append("flashinfer")
        except Exception as e:
            rows.append(dict(kind="prefill", who="flashinfer", err=f"not importable: {type(e).__name__}: {str(e)[:120]}"))
    for r in rows:
        print(r, flush=True)
    pages = pages or (OTHER_PAGES[:3] if quick else OTHER_PAGES)
    ws = None   # FlashInfer's workspace, shared by its plans
    t_start = time.time()
    for who in systems:
        for page in pages:
            if time.time() - t_start > budget_s:
                rows.append(dict(kind="prefill", who=who, d=d, page=page, causal=-1,
                                 err=f"not run: the --others-budget-s of {budget_s:.0f} s was spent"))
                print(rows[-1], flush=True)
                continue
            kc = vc = None
            for causal in (False, True):
                try:
                    if kc is None:
                        if page:
                            kc, vc, table, npg = paged_pool(B, S, H, d, page, dev, torch)
                        else:
                            kc = torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16)
                            vc, table, npg = torch.randn_like(kc), None, 0
                        q = torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16)
                    t0 = time.time()
                    if who == "fa4" and not page:
                        fn = lambda: fa4(q, kc, vc, max_seqlen_q=S, max_seqlen_k=S, causal=causal)
                    elif who == "fa4":
                        used = torch.full((B,), S, device=dev, dtype=torch.int32)
                        fn = lambda: fa4(q, kc, vc, max_seqlen_q=S, max_seqlen_k=S, seqused_k=used,
                                         page_table=table, causal=causal)
                    else:
                        if ws is None:
                            ws = torch.empty(256 << 20, dtype=torch.uint8, device=dev)
                    if who == "flashinfer" and not page:
                        w = flashinfer.BatchPrefillWithRaggedKVCacheWrapper(ws, kv_layout="NHD")
                        ar = torch.arange(B + 1, device=dev, dtype=torch.int32)
                        w.plan(ar * S, ar * S, H, H, d, causal=causal,
                               q_data_type=torch.bfloat16, kv_data_type=torch.bfloat16)
                        qf, kf, vf = q.view(B * S, H, d), kc.view(B * S, H, d), vc.view(B * S, H, d)
                        fn = lambda: w.run(qf, kf, vf)
                    elif who == "flashinfer":
                        w = flashinfer.BatchPrefillWithPagedKVCacheWrapper(ws, kv_layout="NHD")
                        ar = torch.arange(B + 1, device=dev, dtype=torch.int32)
                        last = torch.full((B,), S - (npg - 1) * page, device=dev, dtype=torch.int32)
                        w.plan(ar * S, ar * npg, table.flatten(), last, H, H, d, page, causal=causal,
                               q_data_type=torch.bfloat16, kv_data_type=torch.bfloat16)
                        qf = q.view(B * S, H, d)
                        fn = lambda: w.run(qf, (kc, vc))
                    fn()   # the first call compiles (JIT): timed apart
                    torch.cuda.synchronize()
                    first_s = time.time() - t0
                    ms = bench(fn)
                    rows.append(dict(kind="prefill", who=who, d=d, B=B, H=H, Hk=H, sq=S, sk=S, causal=int(causal),
                                     page=page, ms=ms, tflops=flops(B, H, S, S, d, causal) / ms / 1e9,
                                     first_call_s=round(first_s, 1)))
                except Exception as e:
                    rows.append(dict(kind="prefill", who=who, d=d, causal=int(causal), page=page,
                                     err=f"{type(e).__name__}: {str(e)[:160]}"))
                print(rows[-1], flush=True)
            del kc, vc
            torch.cuda.empty_cache()
    return rows


def run_pa(pa_args, out):
    """Runs pa-bench with its CSV streamed into OUT/pa_bench.csv, so a run cut short keeps its rows."""
    cmd = ["build/pa-bench", "--csv"] + pa_args.split()
    print("running:", " ".join(cmd), flush=True)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "pa_bench.csv")
    t0 = time.time()
    with open(path, "w") as f:
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(p.stderr)
    print(f"pa-bench exit {p.returncode} in {time.time() - t0:.0f} s", flush=True)
    return list(csv.DictReader(open(path))), p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="d128 prefill and sq=1 decode only")
    ap.add_argument("--pa-args", default="", help="extra pa-bench arguments")
    ap.add_argument("--skip-anchors", action="store_true")
    ap.add_argument("--skip-others", action="store_true", help="no flash-attn-4 / FlashInfer rows")
    ap.add_argument("--other-pages", default="", help="flash-attn-4 / FlashInfer page sizes, 0 = contiguous")
    ap.add_argument("--other-systems", default="fa4,flashinfer")
    ap.add_argument("--others-budget-s", type=float, default=1e9, help="start no other-system row after this")
    ap.add_argument("--anchor-dims", default="", help="prefill anchors at these head dims only, e.g. 64,256")
    ap.add_argument("--no-decode-anchors", action="store_true")
    ap.add_argument("--others-only", action="store_true",
                    help="only the --other-systems rows: no anchors, no pa-bench (bench/wip_sm90/dev_fi.sh)")
    ap.add_argument("--anchors-after", action="store_true",
                    help="measure the anchors again after pa-bench; ratios use the mean of both")
    ap.add_argument("--no-interleaved", action="store_true",
                    help="skip bench/interleaved.py (contiguous vs cuDNN timed interleaved in one process)")
    ap.add_argument("--no-ncu-paged", action="store_true",
                    help="skip bench/pa_ncu.py (paged overheads timed by ncu at locked clocks)")
    ap.add_argument("--out", default=os.environ.get("OUT", "."))
    a = ap.parse_args()
    import torch
    props = torch.cuda.get_device_properties(0)
    env = dict(gpu=props.name, torch=torch.__version__, cudnn=torch.backends.cudnn.version(),
               date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    try:
        # on the device machine the working tree's git metadata can be stale: record the commit
        # that ran yourself (bench/RESULTS.md does)
        env["git_head_here"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                              text=True).stdout.strip()
    except Exception:
        env["git_head_here"] = "?"
    print(env, flush=True)
    adims = [int(x) for x in a.anchor_dims.split(",") if x]
    opages = [int(x) for x in a.other_pages.split(",") if x]

    def measure_others_too(with_anchors):
        rows = anchors(a.quick, adims or None, not a.no_decode_anchors) if with_anchors else []
        if not a.skip_others:
            rows += others(a.quick, opages or None, a.other_systems.split(","), a.others_budget_s)
        return rows

    if a.others_only:
        a.skip_anchors, a.skip_others, a.anchors_after = True, False, False
    anc = measure_others_too(not a.skip_anchors)
    pa_args = a.pa_args or ("--dims 128 --pages 1,3,4,8,16,48,64,100,128,256 --table frag --iters 10"
                            if a.quick else "--dims 128,64,256 --iters 15")
    pa, rc = run_pa(pa_args, a.out) if not a.others_only else ([], 0)
    if a.anchors_after and not a.skip_anchors:
        # the GPU's clocks drift during a call (its later rows run hotter): measure the anchors
        # again after pa-bench and divide by the mean of the two measurements
        # (flash-attn-4 / FlashInfer too: compiled already, no JIT time now)
        after = measure_others_too(True)
        for r in anc:
            m = [x for x in after if "err" not in x and "err" not in r and x.get("who") == r.get("who")
                 and x.get("kind") == r.get("kind") and x.get("page") == r.get("page")
                 and all(x.get(k) == r.get(k) for k in ("d", "B", "sq", "sk", "causal"))]
            if m and "ms" in r:
                f = m[0]["ms"] / r["ms"]
                r["ms_before"], r["ms_after"] = r["ms"], m[0]["ms"]
                r["ms"] = (r["ms_before"] + r["ms_after"]) / 2
                for key in ("tflops", "gbps"):
                    if key in r:
                        r[key] = r[key] * 2 / (1 + f)
    os.makedirs(a.out, exist_ok=True)
    json.dump(dict(env=env, anchors=anc, pagedattn=pa), open(os.path.join(a.out, "compare.json"), "w"), indent=1)

    def anchor(kind, who, d, causal, B=None, sq=None, sk=None):
        for r in anc:
            if r.get("kind") == kind and r.get("who") == who and r.get("d", 128) == d and r.get("causal") == causal \
                    and (B is None or r.get("B") == B) and (sq is None or r.get("sq") == sq) \
                    and (sk is None or r.get("sk") == sk) and "err" not in r:
                return r
        return None

    print("\nSUMMARY", env)
    print(f"{'kind':8}{'d':>4}{'B':>4}{'sq':>6}{'sk':>7}{'causal':>7} {'table':7}{'page':>5}"
          f"{'ms':>9}{'TFLOPS':>8}{'GB/s':>7}{'ovh%':>7}{'vs FA2':>8}{'vs cuDNN':>9}")
    for r in pa:
        if r.get("kind") not in ("prefill", "decode"):
            continue
        d, c, B, sq, sk = int(r["d"]), int(r["causal"]), int(r["batch"]), int(r["sq"]), int(r["sk"])
        ms = float(r["ms"])
        f2 = anchor(r["kind"], "fa2", d, c, B, sq, sk)
        cu = anchor(r["kind"], "cudnn", d, c, B, sq, sk)
        if r["kind"] == "decode":  # by bandwidth: our varlen rows read fewer bytes than the padded anchors
            gb = float(r["gbps"])
            rf = f"{gb / f2['gbps']:7.2f}x" if f2 and gb > 0 else "      -"
            rc_ = f"{gb / cu['gbps']:8.2f}x" if cu and gb > 0 else "       -"
        else:
            rf = f"{f2['ms'] / ms:7.2f}x" if f2 and ms > 0 else "      -"
            rc_ = f"{cu['ms'] / ms:8.2f}x" if cu and ms > 0 else "       -"
        print(f"{r['kind']:8}{d:>4}{B:>4}{sq:>6}{sk:>7}{c:>7} {r['table']:7}{r['page']:>5}{ms:>9.3f}"
              f"{float(r['tflops']):>8.1f}{float(r['gbps']):>7.0f}{float(r['overhead_pct']):>7.1f}{rf:>8}{rc_:>9}")
    # the other paged systems against pagedattn's row of the same page size and mask
    for r in anc:
        if r.get("who") in ("fa4", "flashinfer") and "err" not in r:
            ours = [p for p in pa if p.get("kind") == "prefill" and int(p["d"]) == 128 and int(p["batch"]) == 4
                    and int(p["causal"]) == r["causal"] and int(p["page"]) == r["page"]
                    and p["table"] == ("frag" if r["page"] else "none")]
            base = [b for b in anc if b.get("who") == r["who"] and b.get("page") == 0 and "err" not in b
                    and b.get("causal") == r["causal"]]
            ovh = f", {100 * (r['ms'] / base[0]['ms'] - 1):+.1f}% over its contiguous" if base and r["page"] else ""
            ratio = f"pagedattn {r['ms'] / float(ours[0]['ms']):.2f}x faster" if ours else "no pagedattn row at this page"
            print(f"{r['who']:10} prefill d128 B4 8k causal={r['causal']} page {r['page']:>4}: "
                  f"{r['ms']:.3f} ms, {r['tflops']:.0f} TFLOPS{ovh}; {ratio}")
    for r in anc:
        if "err" in r:
            print("anchor error:", r)
    drift = [f"{r['who']} {r['kind']} d{r.get('d')} B{r.get('B')} c{r.get('causal')}"
             f"{' p' + str(r['page']) if 'page' in r else ''}: {r['ms_before']:.3f} -> {r['ms_after']:.3f} ms"
             for r in anc if "ms_after" in r]
    if drift:
        print("anchors before -> after pa-bench (ratios use the mean):", "; ".join(drift))
    print("anchors:", ", ".join(f"{r['who']} {r['kind']} d{r.get('d')} B{r.get('B')} sq{r.get('sq')} c{r.get('causal')}"
                                f"{' p' + str(r['page']) if 'page' in r else ''}: "
                                + (f"{r['tflops']:.0f} TFLOPS" if 'tflops' in r else f"{r['gbps']:.0f} GB/s")
                                for r in anc if "err" not in r))
    if not a.no_interleaved and not a.others_only:
        run_interleaved(a.out, a.quick)
    if not a.no_ncu_paged and not a.others_only:
        run_pa_ncu(a.out, a.quick)
    return rc


def run_pa_ncu(out, quick):
    """bench/pa_ncu.py as a child process: the paged rows at ncu's locked clocks."""
    import shutil
    if not shutil.which("ncu"):
        print("\nPA_NCU: skipped, ncu (Nsight Compute) is not on the PATH", flush=True)
        return
    here = os.path.dirname(os.path.abspath(__file__))
    cmd = [sys.executable, os.path.join(here, "pa_ncu.py"), "--out", out]
    if quick:
        cmd += ["--dims", "128", "--causal", "0"]
    print("", flush=True)
    run_child("pa_ncu.py", cmd, None, 400)


def run_child(name, cmd, env, timeout):
    """Runs a measurement script and prints its non-empty output lines. One that fails or cannot
    run says why; the rest of the comparison stands."""
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        print("".join(l + "\n" for l in p.stdout.splitlines() if l.strip()), end="", flush=True)
        if p.returncode:
            print(f"{name} exit {p.returncode}: {p.stderr.strip()[-300:]}", flush=True)
    except Exception as e:
        print(f"{name} did not run: {type(e).__name__}: {e}", flush=True)


def run_interleaved(out, quick):
    """bench/interleaved.py as a child process: contiguous prefill against cuDNN, interleaved."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    lib = os.path.join(root, "build", "libpagedattn.so")
    if not os.path.exists(lib):
        print(f"\nINTERLEAVED: skipped, {lib} not built", flush=True)
        return
    env = dict(os.environ, PAGEDATTN_LIBRARY=lib,
               PYTHONPATH=os.pathsep.join(x for x in (os.path.join(root, "python"), os.environ.get("PYTHONPATH"))
                                          if x))
    cmd = [sys.executable, os.path.join(here, "interleaved.py"), "--out", out, "--rounds", "6", "--calls", "10"]
    if quick:
        cmd += ["--dims", "128"]
    print("\nINTERLEAVED contiguous vs cuDNN, same process and conditions (bench/RESULTS.md 2.19):", flush=True)
    run_child("interleaved.py", cmd, env, 300)


if __name__ == "__main__":
    sys.exit(main())
