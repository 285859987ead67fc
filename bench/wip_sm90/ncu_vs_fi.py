#!/usr/bin/env python3
"""Session 21: one call each of FlashInfer's contiguous (ragged) d128 prefill and ours, non-causal
and causal (bf16 B4 H16 8k), between cudaProfilerStart / Stop, for ncu --profile-from-start off:
per-kernel instructions, time, grid, registers and shared memory of FlashInfer's fa3 kernel
against ours. Run under dev_fi.sh's environment (NCU=1)."""
import torch, flashinfer, pagedattn

dev = torch.device("cuda"); bf = torch.bfloat16
B, H, S, d = 4, 16, 8192, 128
torch.manual_seed(0)
q = torch.randn(B, S, H, d, device=dev, dtype=bf); k = torch.randn_like(q); v = torch.randn_like(q)
qf, kf, vf = (x.view(B * S, H, d) for x in (q, k, v))
out = torch.empty_like(q)
lens = torch.full((B,), S, device=dev, dtype=torch.int32)
ar = torch.arange(B + 1, device=dev, dtype=torch.int32)
ws = torch.empty(256 << 20, dtype=torch.uint8, device=dev)
fns = []
for causal in (False, True):
    w = flashinfer.BatchPrefillWithRaggedKVCacheWrapper(ws, kv_layout="NHD")
    w.plan(ar * S, ar * S, H, H, d, causal=causal, q_data_type=bf, kv_data_type=bf)
    fns.append(("flashinfer c%d" % causal, (lambda w=w: w.run(qf, kf, vf))))
    fns.append(("ours c%d" % causal, (lambda c=causal: pagedattn.attention(q, k.view(B, S, H, d), v.view(B, S, H, d), lens,
                                                                           max_seqlen_q=S, max_seq_len=S, causal=c, out=out))))
for name, fn in fns:   # warm-up (JIT) outside the profiled range
    fn(); fn()
torch.cuda.synchronize()
torch.cuda.profiler.start()
for name, fn in fns:
    torch.cuda.nvtx.range_push(name)
    fn()
    torch.cuda.synchronize()
    torch.cuda.nvtx.range_pop()
torch.cuda.profiler.stop()
print("order:", ", ".join(n for n, _ in fns))
