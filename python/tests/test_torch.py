"""The torch path: CPU tensors on the CPU backend, CUDA tensors on the CUDA backend, against
torch SDPA's math backend in fp32. Skips cleanly without torch (and the CUDA cases without a
GPU)."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

import pagedattn  # noqa: E402
from conftest import TOL, Paged, cu_from_lens, ref_attention  # noqa: E402

HAS_CUDA = torch.cuda.is_available()
DEVICES = ["cpu", pytest.param("cuda", marks=pytest.mark.skipif(not HAS_CUDA,
                                                                 reason="no CUDA device"))]
DTYPES = [torch.float32, torch.float16, torch.bfloat16]
DTYPE_IDS = ["float32", "float16", "bfloat16"]


def attn(q, *args, **kw):
    """pagedattn.attention; on CUDA a combination this build has no kernel for (say, float32)
    skips the test with the library's reason instead of failing it."""
    try:
        return pagedattn.attention(q, *args, **kw)
    except pagedattn.PagedAttnError as e:
        if q.is_cuda and e.status == 2:  # PA_ERR_UNSUPPORTED
            pytest.skip("no CUDA kernel for this case: %s" % e)
        raise


def _math_sdpa():
    try:
        from torch.nn.attention import SDPBackend, sdpa_kernel
        return sdpa_kernel(SDPBackend.MATH)
    except ImportError:  # torch < 2.3
        return torch.backends.cuda.sdp_kernel(enable_flash=False, enable_math=True,
                                              enable_mem_efficient=False)


def to_torch(cache, device, dtype, layout="NHD"):
    """The cache's k and v as torch tensors (NaN padding included); HND storage is returned
    as its [pages, page_size, heads, d] view."""
    out = []
    for store in (cache.k_store, cache.v_store):
        t = torch.from_numpy(np.asarray(store, dtype=np.float32)).to(device=device, dtype=dtype)
        out.append(t.transpose(1, 2) if layout == "HND" else t)
    return out


def dense_from(k, v, seq_lens, page_table, page_size):
    """Per-sequence fp32 keys and values [n, kv_heads, d] on the CPU, from the tensors the
    kernel reads (so input rounding is not counted as kernel error)."""
    k, v = k.float().cpu(), v.float().cpu()
    res = []
    for b, n in enumerate(seq_lens):
        n = int(n)
        pages = torch.as_tensor(page_table[b, :-(-n // page_size)], dtype=torch.long)
        kd = k[pages].reshape(-1, k.shape[2], k.shape[3])[:n]
        vd = v[pages].reshape(-1, v.shape[2], v.shape[3])[:n]
        res.append((kd, vd))
    return res


def sdpa_reference(q, dense, cu, causal=False, window_left=-1, dtype=torch.float32,
                   device="cpu"):
    """SDPA (math backend) per sequence, in `dtype` on `device`; returns fp32 [total_q, H, d]
    on the CPU. q: [total_q, H, d]."""
    q = q.to(device=device, dtype=dtype)
    heads = q.shape[1]
    out = torch.zeros(q.shape, dtype=torch.float32)
    for b, (k, v) in enumerate(dense):
        r0, r1 = int(cu[b]), int(cu[b + 1])
        sq, sk = r1 - r0, k.shape[0]
        group = heads // k.shape[1]
        kk = k.to(device=device, dtype=dtype).repeat_interleave(group, dim=1)
        vv = v.to(device=device, dtype=dtype).repeat_interleave(group, dim=1)
        i = torch.arange(sq, device=device)[:, None]
        j = torch.arange(sk, device=device)[None, :]
        mask = torch.ones(sq, sk, dtype=torch.bool, device=device)
        if causal:
            mask &= j <= i + sk - sq
        if window_left >= 0:
            mask &= j >= i + sk - sq - window_left
        with _math_sdpa():
            o = F.scaled_dot_product_attention(q[r0:r1].transpose(0, 1)[None],
                                               kk.transpose(0, 1)[None],
                                               vv.transpose(0, 1)[None], attn_mask=mask)
        out[r0:r1] = o[0].transpose(0, 1).float().cpu()
    return out


def check(got, q, dense, cu, dtype, what, **kw):
    """FlashAttention-style tolerance: the kernel's error against the fp32 reference may be at
    most 3x that of SDPA run in the same precision, and never needs to beat TOL."""
    want = sdpa_reference(q.float().cpu(), dense, cu, **kw)
    device = q.device
    naive = sdpa_reference(q, dense, cu, dtype=dtype, device=device, **kw)
    err_naive = (naive - want).abs().max().item()
    err = (got.float().cpu() - want).abs().max().item()
    tol = max(TOL[str(dtype).replace("torch.", "")], 3 * err_naive)
    assert not torch.isnan(got).any(), "%s: NaN in the output" % what
    assert err <= tol, "%s: max err %.3g > tol %.3g (same-precision SDPA: %.3g)" % (
        what, err, tol, err_naive)


def tables(cache, device, q_lens):
    """seq_lens, page_table, cu_seqlens_q as int32 tensors on the device, and host maxima."""
    dev = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.int32, device=device)  # noqa
    cu = cu_from_lens(q_lens)
    return (dev(cache.seq_lens), dev(cache.page_table), dev(cu), cu,
            int(max(q_lens)), int(cache.seq_lens.max()))


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("page_size", [16, 1])
def test_decode_fragmented_gqa(device, dtype, page_size):
    rng = np.random.default_rng(100 + page_size)
    seq_lens = [1, 77, 300, 64, 129]
    cache = Paged(rng, seq_lens, page_size, 2, 128)
    k, v = to_torch(cache, device, dtype)
    q = torch.from_numpy(rng.standard_normal((5, 8, 128)).astype(np.float32)).to(device, dtype)
    sl, pt, _, cu, _, max_k = tables(cache, device, [1] * 5)
    out = attn(q, k, v, sl, pt, max_seq_len=max_k)
    assert out.device == q.device and out.dtype == dtype and out.shape == q.shape
    dense = dense_from(k, v, seq_lens, cache.page_table, page_size)
    check(out, q, dense, cu, dtype, "decode %s %s ps=%d" % (device, dtype, page_size))
    # split-KV choices agree
    for n in (1, 3):
        o = attn(q, k, v, sl, pt, max_seq_len=max_k, num_splits=n)
        check(o, q, dense, cu, dtype, "decode num_splits=%d" % n)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("causal", [False, True])
def test_varlen_prefill(device, dtype, causal):
    rng = np.random.default_rng(200 + causal)
    seq_lens = [200, 17, 128, 3, 90, 513]
    q_lens = [200, 5, 64, 3, 1, 130]
    cache = Paged(rng, seq_lens, 16, 4, 64)
    k, v = to_torch(cache, device, dtype)
    sl, pt, cut, cu, max_q, max_k = tables(cache, device, q_lens)
    q = torch.from_numpy(rng.standard_normal((int(cu[-1]), 8, 64)).astype(np.float32))
    q = q.to(device, dtype)
    out, lse = attn(q, k, v, sl, pt, cu_seqlens_q=cut, max_seqlen_q=max_q,
                                   max_seq_len=max_k, causal=causal, return_lse=True)
    dense = dense_from(k, v, seq_lens, cache.page_table, 16)
    check(out, q, dense, cu, dtype, "varlen %s %s causal=%d" % (device, dtype, causal),
          causal=causal)
    assert lse.shape == (int(cu[-1]), 8) and lse.dtype == torch.float32
    dense64 = [(a.double().numpy(), b.double().numpy()) for a, b in dense]
    _, want_lse = ref_attention(q.float().cpu().numpy(), dense64, cu, causal=causal)
    np.testing.assert_allclose(lse.cpu().numpy(), want_lse, atol=2e-3, rtol=1e-3)


@pytest.mark.parametrize("device", DEVICES)
def test_window_and_4d_query(device):
    rng = np.random.default_rng(300)
    seq_lens = [100, 64, 40]
    cache = Paged(rng, seq_lens, 16, 1, 64)
    k, v = to_torch(cache, device, torch.float16)
    sl, pt, _, _, _, max_k = tables(cache, device, [8] * 3)
    q4 = torch.randn(3, 8, 4, 64, generator=torch.Generator().manual_seed(0)).to(device,
                                                                                torch.float16)
    out = attn(q4, k, v, sl, pt, max_seq_len=max_k, causal=True, window_left=10)
    assert out.shape == q4.shape
    dense = dense_from(k, v, seq_lens, cache.page_table, 16)
    check(out.reshape(24, 4, 64), q4.reshape(24, 4, 64), dense, cu_from_lens([8] * 3),
          torch.float16, "window 4d %s" % device, causal=True, window_left=10)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=["float16", "bfloat16"])
def test_hnd_view(device, dtype):
    rng = np.random.default_rng(400)
    seq_lens, q_lens = [64, 33, 250], [64, 1, 17]
    cache = Paged(rng, seq_lens, 32, 2, 128, layout="HND")
    k, v = to_torch(cache, device, dtype, layout="HND")
    assert not k.is_contiguous() and k.stride(-1) == 1
    sl, pt, cut, cu, max_q, max_k = tables(cache, device, q_lens)
    q = torch.from_numpy(rng.standard_normal((int(cu[-1]), 4, 128)).astype(np.float32))
    q = q.to(device, dtype)
    out = attn(q, k, v, sl, pt, cu_seqlens_q=cut, max_seqlen_q=max_q,
                              max_seq_len=max_k, causal=True)
    dense = dense_from(k, v, seq_lens, cache.page_table, 32)
    check(out, q, dense, cu, dtype, "HND %s %s" % (device, dtype), causal=True)


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("layout", ["NHD", "HND"])
def test_kv_append_then_attend(device, dtype, layout):
    g = torch.Generator().manual_seed(500)
    num_pages, page_size, kv_heads, d = 12, 16, 2, 64
    if layout == "HND":
        k = torch.full((num_pages, kv_heads, page_size, d), float("nan"), dtype=dtype,
                       device=device).transpose(1, 2)
        v = torch.full((num_pages, kv_heads, page_size, d), float("nan"), dtype=dtype,
                       device=device).transpose(1, 2)
    else:
        k = torch.full((num_pages, page_size, kv_heads, d), float("nan"), dtype=dtype,
                       device=device)
        v = torch.full_like(k, float("nan"))
    lens = [40, 7, 33]
    table = torch.tensor([[5, 0, 11, 99], [3, 99, 99, 99], [8, 1, 6, 99]], dtype=torch.int32)
    keys = [torch.randn(n, kv_heads, d, generator=g).to(device, dtype) for n in lens]
    vals = [torch.randn(n, kv_heads, d, generator=g).to(device, dtype) for n in lens]
    for b, n in enumerate(lens):
        pos = torch.arange(n)
        slots = (table[b, pos // page_size].long() * page_size + pos % page_size).to(device)
        pagedattn.kv_append(k, v, keys[b], vals[b], slots)
    # a skipped token (negative slot) writes nothing
    junk = torch.full((1, kv_heads, d), 1e4, dtype=dtype, device=device)
    pagedattn.kv_append(k, v, junk, junk, torch.tensor([-1], device=device))
    for b, n in enumerate(lens):
        pos = torch.arange(n)
        got = k[table[b, pos // page_size].long().to(device), (pos % page_size).to(device)]
        torch.testing.assert_close(got, keys[b], rtol=0, atol=0)
    q_lens = [40, 1, 5]
    cu = cu_from_lens(q_lens)
    q = torch.randn(int(cu[-1]), 4, d, generator=g).to(device, dtype)
    dev = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.int32, device=device)  # noqa
    out = attn(q, k, v, dev(lens), table.to(device), cu_seqlens_q=dev(cu),
                              max_seqlen_q=40, max_seq_len=40, causal=True)
    dense = [(keys[b].float().cpu(), vals[b].float().cpu()) for b in range(3)]
    check(out, q, dense, cu, dtype, "append+attend %s %s %s" % (device, dtype, layout),
          causal=True)


def test_cpu_tensors_compute_maxima():
    rng = np.random.default_rng(600)
    cache = Paged(rng, [30, 70], 8, 2, 32)
    k, v = to_torch(cache, "cpu", torch.float32)
    q = torch.randn(9, 4, 32)
    cu = torch.tensor([0, 4, 9], dtype=torch.int32)
    out = attn(q, k, v, torch.from_numpy(cache.seq_lens),
                              torch.from_numpy(cache.page_table), cu_seqlens_q=cu, causal=True)
    dense = dense_from(k, v, cache.seq_lens, cache.page_table, 8)
    check(out, q, dense, cu.numpy(), torch.float32, "cpu maxima", causal=True)


def test_tensors_the_library_cannot_read_as_given():
    """What a data pointer and strides would misstate is refused, nothing written: an expanded
    out (rows overlap) or kv_append cache, a lazily negated view (memory holds -x), a tensor not
    aligned to its item size, a sparse tensor."""
    rng = np.random.default_rng(650)
    cache = Paged(rng, [30, 70], 8, 2, 32)
    k, v = to_torch(cache, "cpu", torch.float32)
    sl, pt = torch.from_numpy(cache.seq_lens), torch.from_numpy(cache.page_table)
    q = torch.randn(2, 4, 32)
    want = attn(q, k, v, sl, pt)
    row = torch.zeros(1, 4, 32)
    with pytest.raises(pagedattn.InvalidArgumentError, match="out: its elements may overlap"):
        attn(q, k, v, sl, pt, out=row.expand(2, 4, 32))
    assert torch.all(row == 0)
    with pytest.raises(pagedattn.InvalidArgumentError, match="q: a lazily negated view"):
        attn(torch._neg_view(q), k, v, sl, pt)
    torch.testing.assert_close(attn(torch._neg_view(q).resolve_neg(), k, v, sl, pt),
                               attn(-q, k, v, sl, pt), rtol=0, atol=0)
    raw = bytearray(q.numel() * 4 + 1)
    qu = torch.frombuffer(raw, dtype=torch.float32, offset=1, count=q.numel()).view(2, 4, 32)
    qu.copy_(q)
    with pytest.raises(pagedattn.InvalidArgumentError, match="q: the tensor is not aligned"):
        attn(qu, k, v, sl, pt)
    with pytest.raises(pagedattn.InvalidArgumentError, match="layout"):
        attn(q.to_sparse(), k, v, sl, pt)
    torch.testing.assert_close(attn(q, k, v, sl, pt), want, rtol=0, atol=0)
    # tables are read as values: a negated view of -pt is pt
    torch.testing.assert_close(attn(q, k, v, sl, torch._neg_view(-pt)), want, rtol=0, atol=0)
    k0 = k.clone()
    kn = torch.ones(1, 2, 32)
    with pytest.raises(pagedattn.InvalidArgumentError, match="k_cache: its elements may overlap"):
        pagedattn.kv_append(k0[:1].expand_as(k0), v.clone(), kn, kn, torch.tensor([9]))
    torch.testing.assert_close(k0, k, rtol=0, atol=0, equal_nan=True)


@pytest.mark.skipif(not HAS_CUDA, reason="no CUDA device")
def test_cuda_maxima_required_and_host_tables():
    rng = np.random.default_rng(700)
    cache = Paged(rng, [30, 70], 8, 2, 64)
    k, v = to_torch(cache, "cuda", torch.float16)
    q = torch.randn(2, 4, 64, device="cuda", dtype=torch.float16)
    sl = torch.as_tensor(cache.seq_lens, device="cuda")
    pt = torch.as_tensor(cache.page_table, device="cuda")
    with pytest.raises(ValueError, match="max_seq_len"):
        attn(q, k, v, sl, pt)
    cu = torch.tensor([0, 1, 2], dtype=torch.int32, device="cuda")
    with pytest.raises(ValueError, match="max_seqlen_q"):
        attn(q, k, v, sl, pt, cu_seqlens_q=cu, max_seq_len=70)
    # host tables for a CUDA call: maxima come from them, the tables are copied over
    out = attn(q, k, v, cache.seq_lens, cache.page_table)
    ref = attn(q, k, v, sl, pt, max_seq_len=70)
    torch.testing.assert_close(out, ref, rtol=0, atol=0)
    # a table on the wrong device
    with pytest.raises(ValueError, match="k_cache|cuda|cpu"):
        attn(q, k.cpu(), v, sl, pt, max_seq_len=70)


@pytest.mark.skipif(not HAS_CUDA, reason="no CUDA device")
def test_cuda_side_stream_and_graph():
    """Calls queue on the current stream; a warmed-up call can be captured in a CUDA graph."""
    rng = np.random.default_rng(800)
    cache = Paged(rng, [300, 129, 64, 1000], 16, 2, 128)
    k, v = to_torch(cache, "cuda", torch.bfloat16)
    sl = torch.as_tensor(cache.seq_lens, device="cuda")
    pt = torch.as_tensor(cache.page_table, device="cuda")
    q = torch.randn(4, 8, 128, device="cuda", dtype=torch.bfloat16)
    dense = dense_from(k, v, cache.seq_lens, cache.page_table, 16)
    cu = cu_from_lens([1] * 4)
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        out = attn(q, k, v, sl, pt, max_seq_len=1000)
    s.synchronize()
    check(out, q, dense, cu, torch.bfloat16, "side stream")

    static_out = torch.empty_like(q)
    s2 = torch.cuda.Stream()
    s2.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s2):  # warm-up grows the workspace of this stream
        attn(q, k, v, sl, pt, max_seq_len=1008, out=static_out)
    torch.cuda.current_stream().wait_stream(s2)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph, stream=s2):
        attn(q, k, v, sl, pt, max_seq_len=1008, out=static_out)
    q.copy_(torch.randn_like(q))
    graph.replay()
    torch.cuda.synchronize()
    check(static_out, q, dense, cu, torch.bfloat16, "graph replay")


@pytest.mark.parametrize("device", DEVICES)
def test_softcap_torch(device):
    """softcap has no SDPA equivalent: against the float64 numpy reference."""
    rng = np.random.default_rng(900)
    cache = Paged(rng, [50, 20], 16, 2, 64)
    dtype = torch.float32 if device == "cpu" else torch.float16
    k, v = to_torch(cache, device, dtype)
    q = torch.from_numpy(3 * rng.standard_normal((2, 4, 64)).astype(np.float32))
    q = q.to(device, dtype)
    out = attn(q, k, v, torch.as_tensor(cache.seq_lens, device=device),
               torch.as_tensor(cache.page_table, device=device),
               max_seq_len=50, softcap=10.0, softmax_scale=0.5)
    dense = [tuple(x.double().numpy() for x in kv)
             for kv in dense_from(k, v, cache.seq_lens, cache.page_table, 16)]
    want, _ = ref_attention(q.float().cpu().numpy(), dense, cu_from_lens([1, 1]), softcap=10.0,
                            softmax_scale=0.5)
    err = float(np.abs(out.float().cpu().numpy() - want).max())
    assert err <= TOL[str(dtype).replace("torch.", "")], "softcap %s: max err %.3g" % (device,
                                                                                       err)
