#!/usr/bin/env python3
"""Contiguous prefill calls of pagedattn and torch SDPA (cuDNN), one each per shape, for ncu to
time at its locked clocks (dev_s10b.sh): the per-CTA fixed cost shows as the intercept of time
against the key count.
    PAGEDATTN_LIBRARY=... PYTHONPATH=python python3 bench/wip_sm90/ncu_sweep.py d:sq:sk[:causal] ..."""
import sys
import torch
import torch.nn.functional as F
from torch.nn.attention import sdpa_kernel, SDPBackend
import pagedattn

for spec in sys.argv[1:]:
    f = [int(x) for x in spec.split(":")]
    d, sq, sk, causal = f[0], f[1], f[2], bool(f[3]) if len(f) > 3 else False
    B, H = 4, (32 if d == 64 else 16)
    q = torch.randn(B, sq, H, d, device="cuda", dtype=torch.bfloat16)
    k, v = (torch.randn(B, sk, H, d, device="cuda", dtype=torch.bfloat16) for _ in range(2))
    qs, ks, vs = (x.transpose(1, 2).contiguous() for x in (q, k, v))
    lens = torch.full((B,), sk, device="cuda", dtype=torch.int32)
    out = torch.empty_like(q)
    pagedattn.attention(q, k, v, lens, max_seqlen_q=sq, max_seq_len=sk, causal=causal, out=out)
    with sdpa_kernel([SDPBackend.CUDNN_ATTENTION]):
        r = F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)
    torch.cuda.synchronize()
    print("%s max|err| %.2e" % (spec, (out.float() - r.transpose(1, 2).float()).abs().max().item()), flush=True)
    del q, k, v, qs, ks, vs, out, r
