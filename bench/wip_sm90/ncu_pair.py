#!/usr/bin/env python3
"""One contiguous prefill call of pagedattn and one of torch SDPA (cuDNN) at the same shape, for
ncu to profile side by side (dev_s10a.sh: -k regex on both kernel names, -c 2).
    PAGEDATTN_LIBRARY=... PYTHONPATH=python python3 bench/wip_sm90/ncu_pair.py [d] [causal]"""
import sys
import torch
import torch.nn.functional as F
from torch.nn.attention import sdpa_kernel, SDPBackend
import pagedattn

d = int(sys.argv[1]) if len(sys.argv) > 1 else 128
causal = len(sys.argv) > 2 and sys.argv[2] == "1"
B, H, S = 4, (32 if d == 64 else 16), 8192
q, k, v = (torch.randn(B, S, H, d, device="cuda", dtype=torch.bfloat16) for _ in range(3))
qs, ks, vs = (x.transpose(1, 2).contiguous() for x in (q, k, v))
lens = torch.full((B,), S, device="cuda", dtype=torch.int32)
out = torch.empty_like(q)
pagedattn.attention(q, k, v, lens, max_seqlen_q=S, max_seq_len=S, causal=causal, out=out)
with sdpa_kernel([SDPBackend.CUDNN_ATTENTION]):
    r = F.scaled_dot_product_attention(qs, ks, vs, is_causal=causal)
torch.cuda.synchronize()
print("max|err| %.2e" % (out.float() - r.transpose(1, 2).float()).abs().max().item())
