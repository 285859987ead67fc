#!/usr/bin/env python3
"""Paired paged overhead of the library's calls with trace.py's inputs (session 81): torch.randn
data, a fragmented table from torch.randperm over a pool 3x the live pages, NHD, B 4, H 16 (32 at
d64), never copying (kv copy limit 0). Per spec d:sq:sk:causal:page, the contiguous and the paged
call alternate ITERS times after a warm-up, each timed by CUDA events, with or without an L2 flush
(a 256 MB memset) before each call; prints the medians and paged / contiguous - 1.
    PAGEDATTN_LIBRARY=build/libpagedattn.so PYTHONPATH=python python3 bench/wip_sm90/pytime.py [--flush 0|1] 128:8192:8192:1:9 ...
Why: the trace build's span (RESULTS 3.5a) reads d128 causal page 9 at +1.8% where pa-bench and ncu
read +3.6..4.5; this separates the inputs and the flush from the trace build. (Session 81's call a
ran it with the inputs built inline, K and V shared by both calls; they now come from trace.inputs,
drawn apart for each call.)"""
import os, sys, statistics
import torch
import pagedattn

ITERS = int(os.environ.get("ITERS", "20"))
args = sys.argv[1:]
flush = 1
if args and args[0] == "--flush":
    flush = int(args[1]); args = args[2:]
pagedattn.set_kv_copy_limit(0)
fbuf = torch.empty(256 << 20, dtype=torch.uint8, device="cuda")


_argv, sys.argv = sys.argv, sys.argv[:1]   # trace.py's module body runs its own argv's specs
import trace as tr   # bench/wip_sm90/trace.py (this folder comes first on sys.path)
sys.argv = _argv


def inputs(spec):
    """the contiguous call and the paged call of spec (trace.py's inputs, drawn apart)"""
    calls = []
    for sp in (":".join(spec.split(":")[:4]), spec):
        q, k, v, lens, table, sq, sk, causal, out = tr.inputs(sp)
        calls.append(lambda q=q, k=k, v=v, lens=lens, table=table, sq=sq, sk=sk, causal=causal, out=out:
                     pagedattn.attention(q, k, v, lens, table, max_seqlen_q=sq, max_seq_len=sk, causal=causal, out=out))
    return calls


for spec in args:
    calls = inputs(spec)
    for c in calls * 2:
        c()
    ts = [[], []]
    for i in range(ITERS):
        for j, c in enumerate(calls):
            torch.cuda._sleep(1_000_000)   # keeps the GPU busy while Python enqueues the call (~0.6 ms)
            if flush:
                fbuf.zero_()
            a, b = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            a.record(); c(); b.record(); b.synchronize()
            ts[j].append(a.elapsed_time(b))
    m = [statistics.median(t) for t in ts]
    print("py flush %d %-18s contiguous %.3f ms  paged %.3f ms  %+.1f%%" % (flush, spec, m[0], m[1], 100 * (m[1] / m[0] - 1)), flush=True)
