#!/usr/bin/env python3
"""Paged prefill, pagedattn against FlashInfer, timed interleaved in one process (the way
interleaved.py times contiguous prefill against cuDNN): for each page size and mask, rounds of
(FlashInfer, ours) and (ours, FlashInfer) alternately, each side timed as N back-to-back calls
between two CUDA events, so both sides see the same clock and power drift.

    PAGEDATTN_LIBRARY=build/libpagedattn.so PYTHONPATH=python:bench python3 bench/vs_flashinfer.py \\
        [--pages 0,1,16,64] [--rounds 6] [--calls 10] [--dims 128] [--out DIR]

Both sides read the same tensors: one fragmented pool [3 x pages needed, page, H, d] (NHD) per page
size with a random page order (compare.py's paged_pool), the same page table and queries. Page 0
is each side's contiguous path: ours with page_table None over [B, S, H, d], FlashInfer's ragged
wrapper over the same keys. FlashInfer is planned once per row, outside the timing (its run()
converts the page table to per-token offsets on its fa3 backend; that step stays in its time, as
in any serving loop that calls run()). Before timing, the two outputs are compared (bf16).
Prints one line per row and writes vs_flashinfer.json under --out (default $OUT or .).
"""
import argparse, json, os, sys

from compare import flops, paged_pool   # bench/compare.py (standard library only at import)
from interleaved import timed, timed_single


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="0,1,3,4,8,16,32,48,64,100,128,256")
    ap.add_argument("--dims", default="128")
    ap.add_argument("--causal", default="0,1")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--calls", type=int, default=10)
    ap.add_argument("--mode", default="stream", choices=("stream", "single"),
                    help="stream: N calls back to back between two events; single: each call alone after "
                         "a synchronize and a 256 MB L2 flush, median (pa-bench's way)")
    ap.add_argument("--cudnn", action="store_true",
                    help="at page 0, torch SDPA's cuDNN backend as a third side in the same rounds")
    ap.add_argument("--out", default=os.environ.get("OUT", "."))
    a = ap.parse_args()
    import torch
    import flashinfer
    import pagedattn

    dev = torch.device("cuda")
    torch.manual_seed(0)
    B, S = 4, 8192
    ws = torch.empty(256 << 20, dtype=torch.uint8, device=dev)
    flush = torch.empty(256 << 20, dtype=torch.uint8, device=dev)
    tm = (lambda fn: timed(fn, a.calls)) if a.mode == "stream" else (lambda fn: timed_single(fn, a.calls, flush))
    rows = []
    med = lambda x: sorted(x)[len(x) // 2]
    for d in [int(x) for x in a.dims.split(",")]:
        H = 32 if d == 64 else 16
        q = torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16)
        qf = q.view(B * S, H, d)
        out = torch.empty_like(q)
        lens = torch.full((B,), S, device=dev, dtype=torch.int32)
        ar = torch.arange(B + 1, device=dev, dtype=torch.int32)
        base = {}
        for page in [int(x) for x in a.pages.split(",")]:
            if page:
                kc, vc, table, npg = paged_pool(B, S, H, d, page, dev, torch)
            else:
                kc = torch.randn(B, S, H, d, device=dev, dtype=torch.bfloat16)
                vc, table, npg = torch.randn_like(kc), None, 0
            for causal in [bool(int(x)) for x in a.causal.split(",")]:
                row = dict(d=d, B=B, H=H, S=S, page=page, causal=int(causal))
                try:
                    if page:
                        w = flashinfer.BatchPrefillWithPagedKVCacheWrapper(ws, kv_layout="NHD")
                        last = torch.full((B,), S - (npg - 1) * page, device=dev, dtype=torch.int32)
                        w.plan(ar * S, ar * npg, table.flatten(), last, H, H, d, page, causal=causal,
                               q_data_type=torch.bfloat16, kv_data_type=torch.bfloat16)
                        fi = lambda: w.run(qf, (kc, vc))
                    else:
                        w = flashinfer.BatchPrefillWithRaggedKVCacheWrapper(ws, kv_layout="NHD")
                        w.plan(ar * S, ar * S, H, H, d, causal=causal,
                               q_data_type=torch.bfloat16, kv_data_type=torch.bfloat16)
                        kf, vf = kc.view(B * S, H, d), vc.view(B * S, H, d)
                        fi = lambda: w.run(qf, kf, vf)

                    cu = None
                    if a.cudnn and not page:
                        import torch.nn.functional as F
                        from torch.nn.attention import sdpa_kernel, SDPBackend
                        qs, ks, vs = (x.transpose(1, 2).contiguous() for x in (q, kc, vc))

                        def cu():
                            with sdpa_kernel([SDPBackend.CUDNN_ATTENTION]):
                                return F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)

                    def ours():
                        pagedattn.attention(q, kc, vc, lens, page_table=table, max_seqlen_q=S,
                                            max_seq_len=S, causal=causal, out=out)
                    ours()
                    o_fi = fi()
                    torch.cuda.synchronize()
                    err = (out.view(B * S, H, d).float() - o_fi.float()).abs().max().item()
                    del o_fi
                    for _ in range(3):   # warm-up
                        ours(); fi()
                    t_us, t_fi, t_cu = [], [], []
                    for r in range(a.rounds):
                        if cu is not None and r % 2 == 0:
                            t_cu.append(tm(cu))
                        if r % 2 == 0:
                            t_fi.append(tm(fi)); t_us.append(tm(ours))
                        else:
                            t_us.append(tm(ours)); t_fi.append(tm(fi))
                        if cu is not None and r % 2 == 1:
                            t_cu.append(tm(cu))
                    ratios = sorted(f / u for f, u in zip(t_fi, t_us))
                    row.update(ours_ms=t_us, fi_ms=t_fi, max_err_vs_fi=err, ours_med=med(t_us), fi_med=med(t_fi),
                               ours_tflops=flops(B, H, S, S, d, causal) / med(t_us) / 1e9,
                               fi_tflops=flops(B, H, S, S, d, causal) / med(t_fi) / 1e9,
                               ratio_median=med(ratios), ratio_min=ratios[0], ratio_max=ratios[-1])
                    if page == 0:
                        base[causal] = (row["ours_med"], row["fi_med"])
                    ovh = ""
                    if t_cu:
                        row.update(cudnn_ms=t_cu, cudnn_med=med(t_cu), cudnn_tflops=flops(B, H, S, S, d, causal) / med(t_cu) / 1e9)
                        ovh = "; cuDNN %.3f ms (%5.1f): ours/cuDNN %.3fx, FlashInfer/cuDNN %.3fx" % (
                            row["cudnn_med"], row["cudnn_tflops"], row["cudnn_med"] / row["ours_med"], row["cudnn_med"] / row["fi_med"])
                    if page and causal in base:   # (else page 0's cuDNN note above)
                        row["ours_ovh"] = row["ours_med"] / base[causal][0] - 1
                        row["fi_ovh"] = row["fi_med"] / base[causal][1] - 1
                        ovh = "; over own contiguous: ours %+.1f%%, FlashInfer %+.1f%%" % (100 * row["ours_ovh"], 100 * row["fi_ovh"])
                    print("%s d%-3d page %4d %-10s ours %.3f ms (%5.1f TFLOPS), FlashInfer %.3f ms (%5.1f): "
                          "ours/FI speed %.3fx (rounds %.3f..%.3f)%s; max|diff| %.1e"
                          % (a.mode, d, page, "causal" if causal else "non-causal", row["ours_med"], row["ours_tflops"],
                             row["fi_med"], row["fi_tflops"], row["ratio_median"], row["ratio_min"],
                             row["ratio_max"], ovh, err), flush=True)
                except Exception as e:
                    row["err"] = "%s: %s" % (type(e).__name__, str(e)[:200])
                    print("d%d page %d causal %d: %s" % (d, page, causal, row["err"]), flush=True)
                rows.append(row)
            del kc, vc, table
            torch.cuda.empty_cache()
        del q, qf, out
        torch.cuda.empty_cache()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "vs_flashinfer_%s.json" % a.mode), "w") as f:
        json.dump(dict(gpu=torch.cuda.get_device_name(), torch=torch.__version__,
                       flashinfer=flashinfer.__version__, rows=rows), f, indent=1)
    return 0 if all("err" not in r and r["max_err_vs_fi"] < 3e-2 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
