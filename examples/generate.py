#!/usr/bin/env python3
"""A toy decode loop over a paged KV cache with pagedattn.

A tiny random-weight transformer (no training, no tokenizer) generates tokens for a batch of
prompts of different lengths. The KV cache is a pool of fixed-size pages shared by all
sequences: pages come from a free list as a sequence grows and go back when it finishes.
Each step appends the new keys and values with pagedattn.kv_append and attends with
pagedattn.attention (prefill: varlen + causal; decode: one query row per sequence).

    python examples/generate.py                   # CPU, numpy, float32
    python examples/generate.py --device cuda     # GPU, torch, float16
    python examples/generate.py --check           # compare with a dense float64 recompute
"""
import argparse
import math
import time

import numpy as np

try:
    import pagedattn
except ImportError:  # not installed: use the source tree's python/ package
    import os
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import pagedattn


# ---- array ops: the same model code runs on numpy arrays and on torch tensors ----------------
class NumpyOps:
    name = "numpy (CPU backend)"

    def __init__(self, dtype):
        self.dtype = np.dtype(dtype)

    def asarray(self, a, dtype=None):
        return np.asarray(a, dtype=dtype or self.dtype)

    def full_nan(self, shape):
        return np.full(shape, np.nan, dtype=self.dtype)

    def table(self, a):          # integer tables stay on the host
        return np.asarray(a, dtype=np.int32)

    def slots(self, a):
        return np.asarray(a, dtype=np.int64)

    def exp(self, x):
        return np.exp(x)

    def rows(self, x, idx):
        return x[np.asarray(idx)]

    def cast(self, x):           # ml_dtypes' bfloat16 matmul gives float32
        return x.astype(self.dtype, copy=False)

    def rms(self, x):
        x32 = x.astype(np.float32)
        return (x32 / np.sqrt((x32 * x32).mean(-1, keepdims=True) + 1e-6)).astype(self.dtype)

    def to_numpy(self, x):
        return np.asarray(x, dtype=np.float64)

    def sync(self):
        pass


class TorchOps:
    def __init__(self, dtype, device):
        import torch
        self.torch = torch
        self.dtype = {"float32": torch.float32, "float16": torch.float16,
                      "bfloat16": torch.bfloat16}[dtype]
        self.device = torch.device(device)
        self.name = "torch on %s (%s backend)" % (device, "CUDA" if self.device.type == "cuda"
                                                  else "CPU")

    def asarray(self, a, dtype=None):
        return self.torch.as_tensor(np.asarray(a, dtype=np.float32), device=self.device,
                                    dtype=dtype or self.dtype)

    def full_nan(self, shape):
        return self.torch.full(shape, float("nan"), dtype=self.dtype, device=self.device)

    def table(self, a):          # device tables: the maxima are passed from the host
        return self.torch.as_tensor(np.asarray(a, dtype=np.int32), device=self.device)

    def slots(self, a):
        return self.torch.as_tensor(np.asarray(a, dtype=np.int64), device=self.device)

    def exp(self, x):
        return self.torch.exp(x)

    def rows(self, x, idx):
        return x[self.torch.as_tensor(np.asarray(idx), device=x.device)]

    def cast(self, x):
        return x.to(self.dtype)

    def rms(self, x):
        x32 = x.float()
        return (x32 * self.torch.rsqrt((x32 * x32).mean(-1, keepdim=True) + 1e-6)).to(x.dtype)

    def to_numpy(self, x):
        return x.double().cpu().numpy()

    def sync(self):
        if self.device.type == "cuda":
            self.torch.cuda.synchronize()


# ---- the paged KV cache: a page pool, a free list, a page list per sequence -----------------
class PagedKVCache:
    def __init__(self, ops, num_layers, num_pages, page_size, kv_heads, head_dim):
        shape = (num_pages, page_size, kv_heads, head_dim)
        # NaN in pages nobody owns: a kernel that read one would poison the output
        self.k = [ops.full_nan(shape) for _ in range(num_layers)]
        self.v = [ops.full_nan(shape) for _ in range(num_layers)]
        self.page_size = page_size
        self.free = list(range(num_pages - 1, -1, -1))  # pop() hands out low ids first
        self.pages = {}   # seq id -> physical page ids
        self.lens = {}    # seq id -> tokens stored

    def reserve(self, seq, n):
        """Room for n more tokens of seq; returns their slots (page * page_size + offset)."""
        pages = self.pages.setdefault(seq, [])
        start = self.lens.get(seq, 0)
        need = -(-(start + n) // self.page_size) - len(pages)
        if need > len(self.free):
            raise MemoryError("out of KV pages (%d free, %d needed)" % (len(self.free), need))
        pages.extend(self.free.pop() for _ in range(need))
        pos = np.arange(start, start + n)
        self.lens[seq] = start + n
        return np.asarray(pages)[pos // self.page_size] * self.page_size + pos % self.page_size

    def release(self, seq):
        self.free.extend(reversed(self.pages.pop(seq)))
        del self.lens[seq]

    def tables(self, seqs):
        """seq_lens [batch], page_table [batch, max_pages] (padding never read), max_seq_len."""
        lens = np.array([self.lens[s] for s in seqs], dtype=np.int32)
        width = max(len(self.pages[s]) for s in seqs)
        table = np.zeros((len(seqs), width), dtype=np.int32)
        for i, s in enumerate(seqs):
            table[i, :len(self.pages[s])] = self.pages[s]
        return lens, table, int(lens.max())


# ---- a tiny transformer with random weights -------------------------------------------------
class ToyModel:
    def __init__(self, ops, vocab, dim, layers, heads, kv_heads, seed=0):
        rng = np.random.default_rng(seed)
        self.ops, self.vocab, self.heads, self.kv_heads = ops, vocab, heads, kv_heads
        self.head_dim = dim // heads
        kvd = kv_heads * self.head_dim

        def w(*shape):
            return rng.standard_normal(shape).astype(np.float32) / math.sqrt(shape[0])
        self.np_weights = {"emb": rng.standard_normal((vocab, dim)).astype(np.float32),
                           "layers": [dict(wq=w(dim, dim), wk=w(dim, kvd), wv=w(dim, kvd),
                                           wo=w(dim, dim), w1=w(dim, 4 * dim),
                                           w2=w(4 * dim, dim)) for _ in range(layers)],
                           "out": w(dim, vocab)}
        self.emb = ops.asarray(self.np_weights["emb"])
        self.layers = [{k: ops.asarray(v) for k, v in lw.items()}
                       for lw in self.np_weights["layers"]]
        self.out = ops.asarray(self.np_weights["out"])

    def forward(self, tokens, cache, seqs, slots, q_lens):
        """Runs new tokens (all sequences' rows concatenated) through the model, appending
        their keys and values to the cache; returns the logits of each sequence's last row."""
        ops, H, KH, D = self.ops, self.heads, self.kv_heads, self.head_dim
        x = ops.rows(self.emb, tokens)
        seq_lens, page_table, max_seq_len = cache.tables(seqs)
        decode = all(n == 1 for n in q_lens)
        cu = np.concatenate([[0], np.cumsum(q_lens)]).astype(np.int32)
        sl, pt, slot_map = ops.table(seq_lens), ops.table(page_table), ops.slots(slots)
        cu_t = None if decode else ops.table(cu)
        for li, lw in enumerate(self.layers):
            h = ops.rms(x)
            q = ops.cast(h @ lw["wq"]).reshape(-1, H, D)
            k = ops.cast(h @ lw["wk"]).reshape(-1, KH, D)
            v = ops.cast(h @ lw["wv"]).reshape(-1, KH, D)
            pagedattn.kv_append(cache.k[li], cache.v[li], k, v, slot_map)
            if decode:  # one query row per sequence: q is [batch, heads, head_dim]
                a = pagedattn.attention(q, cache.k[li], cache.v[li], sl, pt,
                                        max_seq_len=max_seq_len)
            else:       # prefill: varlen rows, causal (bottom-right)
                a = pagedattn.attention(q, cache.k[li], cache.v[li], sl, pt, cu_seqlens_q=cu_t,
                                        max_seqlen_q=int(max(q_lens)), max_seq_len=max_seq_len,
                                        causal=True)
            x = x + a.reshape(-1, H * D) @ lw["wo"]
            h = ops.rms(x) @ lw["w1"]
            x = x + (h / (1 + ops.exp(-h))) @ lw["w2"]
        last = cu[1:] - 1
        return ops.rms(ops.rows(x, last)) @ self.out

    def dense_logits(self, tokens):
        """float64 numpy recompute of the last position's logits, full causal attention, no
        cache: what the paged incremental run should match."""
        W, H, KH, D = self.np_weights, self.heads, self.kv_heads, self.head_dim

        def rms(x):
            return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6)
        x = W["emb"][tokens].astype(np.float64)
        n = len(tokens)
        mask = np.tril(np.ones((n, n), dtype=bool))
        for lw in W["layers"]:
            h = rms(x)
            q = (h @ lw["wq"]).reshape(n, H, D)
            k = (h @ lw["wk"]).reshape(n, KH, D)
            v = (h @ lw["wv"]).reshape(n, KH, D)
            a = np.empty_like(q)
            for hh in range(H):
                s = q[:, hh] @ k[:, hh // (H // KH)].T / math.sqrt(D)
                s = np.where(mask, s, -np.inf)
                p = np.exp(s - s.max(-1, keepdims=True))
                a[:, hh] = (p / p.sum(-1, keepdims=True)) @ v[:, hh // (H // KH)]
            x = x + a.reshape(n, H * D) @ lw["wo"]
            h = rms(x) @ lw["w1"]
            x = x + (h / (1 + np.exp(-h))) @ lw["w2"]
        return rms(x[-1]) @ W["out"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--device", default="cpu", help="cpu (numpy), torch-cpu, or cuda (torch)")
    ap.add_argument("--dtype", default=None, help="float32, float16, bfloat16 (default: "
                    "float32 on the CPU, float16 on CUDA)")
    ap.add_argument("--batch", type=int, default=6)
    ap.add_argument("--max-new", type=int, default=40, help="most tokens a sequence generates")
    ap.add_argument("--page-size", type=int, default=16)
    ap.add_argument("--num-pages", type=int, default=64)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--check", action="store_true",
                    help="compare the last logits of each sequence with a dense float64 run")
    args = ap.parse_args()

    if args.device == "cpu":
        if args.dtype == "bfloat16":
            import ml_dtypes  # numpy has no bfloat16 of its own
            ops = NumpyOps(ml_dtypes.bfloat16)
        else:
            ops = NumpyOps(args.dtype or "float32")
    else:
        ops = TorchOps(args.dtype or ("float16" if args.device == "cuda" else "float32"),
                       "cpu" if args.device == "torch-cpu" else args.device)
    model = ToyModel(ops, vocab=512, dim=512, layers=2, heads=8, kv_heads=2, seed=args.seed)
    cache = PagedKVCache(ops, 2, args.num_pages, args.page_size, model.kv_heads, model.head_dim)
    rng = np.random.default_rng(args.seed + 1)

    prompts = [rng.integers(0, model.vocab, rng.integers(5, 60)).tolist()
               for _ in range(args.batch)]
    budget = {s: int(rng.integers(args.max_new // 2, args.max_new + 1))
              for s in range(args.batch)}
    tokens = {s: list(p) for s, p in enumerate(prompts)}
    print("pagedattn %d.%d.%d (%s), %s" % (*pagedattn.version(), pagedattn.library_path(),
                                          ops.name))
    print("%d sequences, prompts of %s tokens, page_size %d, %d pages"
          % (args.batch, [len(p) for p in prompts], args.page_size, args.num_pages))

    t0 = time.perf_counter()
    # prefill: every prompt at once, varlen + causal
    seqs = list(range(args.batch))
    slots = np.concatenate([cache.reserve(s, len(prompts[s])) for s in seqs])
    flat = np.concatenate([prompts[s] for s in seqs])
    logits = model.forward(flat, cache, seqs, slots, [len(prompts[s]) for s in seqs])
    steps, last_logits = 0, {}
    # decode: one token per live sequence per step; finished sequences give their pages back
    while seqs:
        nxt = logits.argmax(-1)
        nxt = nxt.tolist() if hasattr(nxt, "tolist") else list(nxt)
        for s, t, row in zip(seqs, nxt, range(len(seqs))):
            tokens[s].append(int(t))
            last_logits[s] = logits[row]
        done = [s for s in seqs if len(tokens[s]) - len(prompts[s]) >= budget[s]]
        for s in done:
            cache.release(s)
        seqs = [s for s in seqs if s not in done]
        if not seqs:
            break
        slots = np.concatenate([cache.reserve(s, 1) for s in seqs])
        logits = model.forward(np.array([tokens[s][-1] for s in seqs]), cache, seqs, slots,
                               [1] * len(seqs))
        steps += 1
        if steps % 10 == 0:
            print("  step %3d: %d live sequences, %d pages in use, %d free"
                  % (steps, len(seqs), sum(len(p) for p in cache.pages.values()),
                     len(cache.free)))
    ops.sync()
    dt = time.perf_counter() - t0
    total = sum(len(tokens[s]) - len(prompts[s]) for s in tokens)
    print("generated %d tokens in %d decode steps, %.3f s; all %d pages free again: %s"
          % (total, steps, dt, args.num_pages, len(cache.free) == args.num_pages))
    for s in range(min(args.batch, 3)):
        print("  seq %d: ...%s -> %s" % (s, prompts[s][-4:], tokens[s][len(prompts[s]):][:12]))

    if args.check:
        # the logits that chose each sequence's final token came from a context of all tokens
        # but that final one; a dense float64 run over the same context must agree
        worst = 0.0
        for s in tokens:
            want = model.dense_logits(np.array(tokens[s][:-1]))
            got = ops.to_numpy(last_logits[s])
            worst = max(worst, float(np.abs(got - want).max() / np.abs(want).max()))
        tol = {"float32": 1e-4}.get(str(ops.dtype).replace("torch.", ""), 3e-2)
        print("check: max relative logits error vs dense float64 = %.2e (tol %.0e): %s"
              % (worst, tol, "ok" if worst <= tol else "FAILED"))
        if worst > tol:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
