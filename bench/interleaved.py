#!/usr/bin/env python3
"""Contiguous prefill, pagedattn against torch SDPA's cuDNN backend, timed interleaved in one
process: for each shape, rounds of (cuDNN, ours) and (ours, cuDNN) alternately, each side timed as
N back-to-back calls between two CUDA events. compare.py times the anchors before and after
pa-bench, so the GPU's drift during a call (up to 10% here) can fall on one side. Here both
sides see the same drift.

    PAGEDATTN_LIBRARY=build/libpagedattn.so PYTHONPATH=python python3 bench/interleaved.py \\
        [--rounds 6] [--calls 10] [--dims 128,64,256] [--mode stream|single] [--out DIR]
        [--shapes seed,long,short] [--fa2]

--shapes picks TARGETS.md's shapes: seed (B4 8k, the default: d128 both masks, d64 both masks, d256
non-causal), long (d128 B4 H16 65536, both masks), short (d128 B4 H16 2048, both masks). A shape's
--calls scale with (8192 / S)^2 (at least 2, at most 200), so each timing spans a similar time.
--fa2 times SDPA's FA2 backend in the same rounds, a third side.

Each side gets the layout it reads fastest: SDPA [B, H, S, d], pagedattn [B, S, H, d] (one page
per sequence, page_table = None). Before timing, our output is checked against SDPA's (bf16).
Prints one line per shape and writes interleaved_<mode>.json under --out (default $OUT or .).
"""
import argparse, json, os, sys

from compare import flops   # bench/compare.py (standard library only at import)


def timed(fn, calls):
    import torch
    a = torch.cuda.Event(enable_timing=True)
    b = torch.cuda.Event(enable_timing=True)
    fn()          # queued first: the start event then follows a busy GPU, and the host's per-call
    a.record()    # work (Python argument checks) overlaps the kernels instead of being timed
    for _ in range(calls):
        fn()
    b.record()
    b.synchronize()
    return a.elapsed_time(b) / calls


def timed_single(fn, calls, flush):
    """pa-bench's way: each call timed alone, after a synchronize and an L2 flush; median."""
    import torch
    ts = []
    for _ in range(calls):
        torch.cuda.synchronize()
        flush.zero_()
        a = torch.cuda.Event(enable_timing=True)
        b = torch.cuda.Event(enable_timing=True)
        a.record(); fn(); b.record(); b.synchronize()
        ts.append(a.elapsed_time(b))
    return sorted(ts)[len(ts) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--calls", type=int, default=10)
    ap.add_argument("--dims", default="128,64,256")
    ap.add_argument("--data", default="randn", choices=("randn", "pabench"),
                    help="randn: torch.randn (the anchors' data); pabench: pa-bench's values, sign x "
                         "2^e x (1 + m/128) with e uniform in -7..-1")
    ap.add_argument("--ours-first", action="store_true",
                    help="time ours alone (no SDPA call yet in this process) before each shape's rounds")
    ap.add_argument("--mode", default="stream", choices=("stream", "single"),
                    help="stream: N calls back to back between two events (the default); single: "
                         "each call alone after a synchronize and a 256 MB L2 flush, median (pa-bench's way)")
    ap.add_argument("--shapes", default="seed", help="comma list of seed, long, short")
    ap.add_argument("--fa2", action="store_true", help="also time SDPA's FA2 backend in each round")
    ap.add_argument("--out", default=os.environ.get("OUT", "."))
    a = ap.parse_args()
    import torch
    import torch.nn.functional as F
    from torch.nn.attention import sdpa_kernel, SDPBackend
    import pagedattn

    dims = [int(x) for x in a.dims.split(",")]
    sets = {"seed": [(4, 16, 8192, 128, False), (4, 16, 8192, 128, True), (4, 32, 8192, 64, False),
                     (4, 32, 8192, 64, True), (4, 16, 8192, 256, False)],
            "long": [(4, 16, 65536, 128, True), (4, 16, 65536, 128, False)],
            "short": [(4, 16, 2048, 128, True), (4, 16, 2048, 128, False)]}
    names = a.shapes.split(",")
    for n in names:
        if n not in sets:
            ap.error("--shapes: unknown set %r (seed, long, short)" % n)
    shapes = [x for n in names for x in sets[n]]
    torch.manual_seed(0)
    dev = torch.device("cuda")
    rows = []
    flush = torch.empty(256 << 20, dtype=torch.uint8, device=dev)
    for B, H, S, d, causal in shapes:
        if d not in dims:
            continue
        calls = max(2, min(200, int(round(a.calls * (8192.0 / S) ** 2))))
        tm = (lambda fn: timed(fn, calls)) if a.mode == "stream" else (lambda fn: timed_single(fn, calls, flush))
        def gen():
            if a.data == "randn":
                return torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16)
            e = torch.randint(-7, 0, (B, S, H, d), device=dev).float()
            m = torch.randint(0, 128, (B, S, H, d), device=dev).float()
            sg = torch.randint(0, 2, (B, S, H, d), device=dev).float() * 2 - 1
            return (sg * torch.exp2(e) * (1 + m / 128)).to(torch.bfloat16)
        q, k, v = gen(), gen(), gen()
        qs, ks, vs = (x.transpose(1, 2).contiguous() for x in (q, k, v))   # [B, H, S, d]
        lens = torch.full((B,), S, device=dev, dtype=torch.int32)
        out = torch.empty_like(q)

        def ours():
            pagedattn.attention(q, k, v, lens, max_seqlen_q=S, max_seq_len=S, causal=causal, out=out)

        def cudnn():
            with sdpa_kernel([SDPBackend.CUDNN_ATTENTION]):
                return F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)

        def fa2():
            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                return F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)

        ours()
        if a.ours_first:
            torch.cuda.synchronize()
            alone = [tm(ours) for _ in range(3)]
            print("%s d%d causal=%d: ours alone before SDPA %s ms" % (a.mode, d, causal,
                  " ".join("%.3f" % x for x in alone)), flush=True)
        ref = cudnn().transpose(1, 2)
        torch.cuda.synchronize()
        err = (out.float() - ref.float()).abs().max().item()
        for _ in range(3):   # warm-up
            ours(); cudnn()
            if a.fa2:
                fa2()
        t_us, t_cu, t_fa = [], [], []
        for r in range(a.rounds):
            if r % 2 == 0:
                t_cu.append(tm(cudnn)); t_us.append(tm(ours))
            else:
                t_us.append(tm(ours)); t_cu.append(tm(cudnn))
            if a.fa2:
                t_fa.append(tm(fa2))
        ratios = sorted(c / u for c, u in zip(t_cu, t_us))
        med = lambda x: sorted(x)[len(x) // 2]
        row = dict(mode=a.mode, data=a.data, d=d, B=B, H=H, S=S, causal=int(causal), max_err_vs_sdpa=err,
                   ours_ms=t_us, cudnn_ms=t_cu, ours_tflops=flops(B, H, S, S, d, causal) / med(t_us) / 1e9,
                   cudnn_tflops=flops(B, H, S, S, d, causal) / med(t_cu) / 1e9,
                   ratio_median=med(ratios), ratio_min=ratios[0], ratio_max=ratios[-1], calls=calls)
        if t_fa:
            row.update(fa2_ms=t_fa, fa2_tflops=flops(B, H, S, S, d, causal) / med(t_fa) / 1e9)
        rows.append(row)
        print("%s %s d%-3d %-10s ours %6.1f TFLOPS, cuDNN %6.1f: ours/cuDNN speed %.3fx (rounds %.3f..%.3f), "
              "max|err| vs SDPA %.1e" % (a.mode, a.data, d, "causal" if causal else "non-causal", row["ours_tflops"],
                                         row["cudnn_tflops"], row["ratio_median"], row["ratio_min"],
                                         row["ratio_max"], err)
              + (" [S=%d, %d calls a timing]" % (S, calls) if S != 8192 else "")
              + (", FA2 %.1f TFLOPS" % row["fa2_tflops"] if t_fa else ""), flush=True)
        del q, k, v, qs, ks, vs, out, ref
        torch.cuda.empty_cache()
    os.makedirs(a.out, exist_ok=True)
    tag = "" if a.shapes == "seed" else "_" + a.shapes.replace(",", "_")
    with open(os.path.join(a.out, "interleaved_%s_%s%s.json" % (a.mode, a.data, tag)), "w") as f:
        json.dump(dict(gpu=torch.cuda.get_device_name(), torch=torch.__version__,
                       cudnn=torch.backends.cudnn.version(), rows=rows), f, indent=1)
    return 0 if all(r["max_err_vs_sdpa"] < 3e-2 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
