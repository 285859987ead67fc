"""Shared test helpers: a paged-cache builder with NaN in every unused slot, and a float64
numpy reference for attention over it. Every random case takes a seed; failures print it."""
import math
import os
import sys

import numpy as np
import pytest

# test the source tree, unless PAGEDATTN_TEST_INSTALLED=1 asks for the installed package
if os.environ.get("PAGEDATTN_TEST_INSTALLED") != "1":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:
    import ml_dtypes
    BF16 = np.dtype(ml_dtypes.bfloat16)
except ImportError:  # numpy has no bfloat16 of its own
    BF16 = None

# max |kernel - float64 reference| for outputs of magnitude ~1, by dtype name
TOL = {"float32": 2e-5, "float16": 4e-3, "bfloat16": 3e-2}


def to_f64(a):
    return np.asarray(a).astype(np.float64)


class Paged:
    """A paged KV cache for `seq_lens`: pages handed out in a random (fragmented) order,
    every page and slot no sequence owns filled with NaN, padding of the page table filled
    with an out-of-range id (only the first ceil(seq_len / page_size) entries may be read)."""

    def __init__(self, rng, seq_lens, page_size, kv_heads, head_dim, dtype=np.float32,
                 layout="NHD", extra_pages=3, max_pages=None, pad_id=None):
        self.seq_lens = np.asarray(seq_lens, dtype=np.int32)
        self.page_size, self.kv_heads, self.head_dim = page_size, kv_heads, head_dim
        need = [-(-int(n) // page_size) for n in self.seq_lens]
        self.max_pages = max_pages or max(max(need, default=0), 1)
        num_pages = sum(need) + extra_pages
        self.num_pages = num_pages
        perm = rng.permutation(num_pages).astype(np.int32)
        pad = num_pages + 1000 if pad_id is None else pad_id
        self.page_table = np.full((len(self.seq_lens), self.max_pages), pad, dtype=np.int32)
        at = 0
        for b, n in enumerate(need):
            self.page_table[b, :n] = perm[at:at + n]
            at += n
        shape_nhd = (num_pages, page_size, kv_heads, head_dim)
        k = np.full(shape_nhd, np.nan, dtype=np.float32)
        v = np.full(shape_nhd, np.nan, dtype=np.float32)
        for b, n in enumerate(self.seq_lens):
            for j in range(int(n)):
                p, s = self.page_table[b, j // page_size], j % page_size
                k[p, s] = rng.standard_normal((kv_heads, head_dim))
                v[p, s] = rng.standard_normal((kv_heads, head_dim))
        k, v = k.astype(dtype), v.astype(dtype)
        if layout == "HND":  # storage [pages, heads, page_size, d], seen as NHD
            self.k_store = np.ascontiguousarray(k.transpose(0, 2, 1, 3))
            self.v_store = np.ascontiguousarray(v.transpose(0, 2, 1, 3))
            self.k, self.v = self.k_store.transpose(0, 2, 1, 3), self.v_store.transpose(0, 2, 1, 3)
        else:
            self.k_store, self.v_store, self.k, self.v = k, v, k, v

    def dense(self, b):
        """Keys and values of sequence b as float64 [n, kv_heads, d]."""
        n = int(self.seq_lens[b])
        pages = self.page_table[b, :-(-n // self.page_size)]
        k = to_f64(self.k[pages]).reshape(-1, self.kv_heads, self.head_dim)[:n]
        v = to_f64(self.v[pages]).reshape(-1, self.kv_heads, self.head_dim)[:n]
        return k, v


def ref_attention(q, dense_kv, cu_seqlens_q, causal=False, softmax_scale=None, window_left=-1,
                  softcap=0.0):
    """float64 reference. q: [total_q, heads, d]; dense_kv[b] = (k, v) as [n, kv_heads, d].
    Returns out [total_q, heads, d] and lse [total_q, heads]."""
    q = to_f64(q)
    total_q, heads, d = q.shape
    scale = 1.0 / math.sqrt(d) if softmax_scale is None else softmax_scale
    out = np.zeros((total_q, heads, d))
    lse = np.full((total_q, heads), -np.inf)
    for b, (k, v) in enumerate(dense_kv):
        r0, r1 = int(cu_seqlens_q[b]), int(cu_seqlens_q[b + 1])
        sq, sk = r1 - r0, k.shape[0]
        group = heads // k.shape[1]
        i = np.arange(sq)[:, None]
        j = np.arange(sk)[None, :]
        visible = np.ones((sq, sk), dtype=bool)
        if causal:
            visible &= j <= i + sk - sq
        if window_left >= 0:
            visible &= j >= i + sk - sq - window_left
        for h in range(heads):
            s = scale * q[r0:r1, h] @ k[:, h // group].T
            if softcap > 0:
                s = softcap * np.tanh(s / softcap)
            s = np.where(visible, s, -np.inf)
            m = s.max(axis=1, keepdims=True) if sk else np.full((sq, 1), -np.inf)
            seen = np.isfinite(m[:, 0])
            p = np.exp(s - np.where(np.isfinite(m), m, 0))
            l = p.sum(axis=1)
            o = np.zeros((sq, d))
            o[seen] = (p[seen] @ v[:, h // group]) / l[seen, None]
            out[r0:r1, h] = o
            lse[r0:r1, h] = np.where(seen, np.log(np.where(seen, l, 1)) + m[:, 0], -np.inf)
    return out, lse


def assert_close(got, want, dtype_name, what, seed=None):
    got = to_f64(got)
    tol = TOL[dtype_name]
    bad = ~np.isclose(got, want, atol=tol, rtol=tol, equal_nan=False)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        pytest.fail("%s (seed %s, %s): %d of %d elements differ; first at %s: got %r, want %r "
                    "(max err %.3g, tol %.3g)" % (what, seed, dtype_name, int(bad.sum()),
                                                 bad.size, idx, got[idx], want[idx],
                                                 float(np.nanmax(np.abs(got - want))), tol))


def cu_from_lens(lens):
    return np.concatenate([[0], np.cumsum(lens)]).astype(np.int32)


def pytest_report_header(config):
    import pagedattn
    try:
        return "pagedattn %d.%d.%d from %s" % (pagedattn.version() + (pagedattn.library_path(),))
    except pagedattn.LibraryNotFoundError as e:
        return "pagedattn library: %s" % str(e).splitlines()[0]
