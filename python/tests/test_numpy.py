"""The numpy path (CPU backend) against a float64 numpy reference. Runs in `make test`."""
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import pagedattn
from conftest import BF16, Paged, assert_close, cu_from_lens, ref_attention, to_f64

DTYPES = [np.float32, np.float16] + ([BF16] if BF16 is not None else [])
DTYPE_IDS = [np.dtype(d).name for d in DTYPES]


def make_q(rng, total_q, heads, d, dtype):
    return rng.standard_normal((total_q, heads, d)).astype(np.float32).astype(dtype)


def check(seed, q, cache, cu, what, **kw):
    """Run attention (with lse) and compare with the reference."""
    out, lse = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                                   cu_seqlens_q=cu, return_lse=True, **kw)
    assert out.shape == q.shape and out.dtype == q.dtype
    dense = [cache.dense(b) for b in range(len(cache.seq_lens))]
    ref_kw = {k: kw[k] for k in ("causal", "softmax_scale", "window_left", "softcap") if k in kw}
    want, want_lse = ref_attention(q, dense, cu, **ref_kw)
    name = np.dtype(q.dtype).name
    assert_close(out, want, name, what + " out", seed)
    assert_close(lse, want_lse, name, what + " lse", seed)
    return out, lse


# ---- decode: one query row per sequence -----------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("page_size", [1, 16, 7])
@pytest.mark.parametrize("heads,kv_heads", [(4, 4), (8, 2), (6, 1)])
def test_decode_fragmented_gqa(dtype, page_size, heads, kv_heads):
    seed = 1000 + page_size * 10 + heads + kv_heads
    rng = np.random.default_rng(seed)
    seq_lens = [1, 37, 100, 64]
    cache = Paged(rng, seq_lens, page_size, kv_heads, 64, dtype)
    q = make_q(rng, len(seq_lens), heads, 64, dtype)
    check(seed, q, cache, cu_from_lens([1] * len(seq_lens)), "decode")
    # same thing with q as [batch, 1, heads, d] and without cu_seqlens_q
    out4 = pagedattn.attention(q[:, None], cache.k, cache.v, cache.seq_lens, cache.page_table)
    out3 = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table)
    assert out4.shape == (len(seq_lens), 1, heads, 64)
    np.testing.assert_array_equal(to_f64(out4[:, 0]), to_f64(out3))


# ---- prefill: varlen, causal (bottom-right), window, softcap, scale ---------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("causal", [False, True])
def test_varlen_prefill(dtype, causal):
    seed = 2000 + causal
    rng = np.random.default_rng(seed)
    seq_lens = [50, 17, 128, 3, 90]
    q_lens = [50, 5, 33, 3, 1]        # full prefill, chunked prefill, decode
    cache = Paged(rng, seq_lens, 16, 2, 32, dtype)
    cu = cu_from_lens(q_lens)
    q = make_q(rng, int(cu[-1]), 4, 32, dtype)
    check(seed, q, cache, cu, "varlen causal=%d" % causal, causal=causal)


@pytest.mark.parametrize("window_left", [0, 5, 40])
@pytest.mark.parametrize("causal", [False, True])
def test_window(window_left, causal):
    seed = 3000 + window_left + causal
    rng = np.random.default_rng(seed)
    seq_lens, q_lens = [70, 33, 9], [20, 33, 4]
    cache = Paged(rng, seq_lens, 8, 2, 64)
    cu = cu_from_lens(q_lens)
    q = make_q(rng, int(cu[-1]), 4, 64, np.float32)
    check(seed, q, cache, cu, "window", causal=causal, window_left=window_left)


@pytest.mark.parametrize("softcap", [5.0, 30.0])
def test_softcap_and_scale(softcap):
    seed = 4000 + int(softcap)
    rng = np.random.default_rng(seed)
    seq_lens, q_lens = [40, 81], [7, 12]
    cache = Paged(rng, seq_lens, 16, 1, 128)
    cu = cu_from_lens(q_lens)
    q = 3 * make_q(rng, int(cu[-1]), 8, 128, np.float32)
    check(seed, q, cache, cu, "softcap", causal=True, softcap=softcap, softmax_scale=0.3)


def test_queries_that_see_no_key():
    """Bottom-right causal with more queries than keys: the first rows see nothing and get
    zeros with lse = -inf; an empty sequence does too."""
    seed = 5000
    rng = np.random.default_rng(seed)
    seq_lens, q_lens = [4, 0, 6], [7, 2, 3]
    cache = Paged(rng, seq_lens, 4, 2, 16)
    cu = cu_from_lens(q_lens)
    q = make_q(rng, int(cu[-1]), 2, 16, np.float32)
    out, lse = check(seed, q, cache, cu, "unseen rows", causal=True)
    assert np.all(out[:3] == 0) and np.all(np.isneginf(lse[:3]))
    assert np.all(out[7:9] == 0) and np.all(np.isneginf(lse[7:9]))


# ---- layouts ------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
def test_hnd_view(dtype):
    """An HND cache [pages, kv_heads, page_size, d] passed as .transpose(0, 2, 1, 3)."""
    seed = 6000
    rng = np.random.default_rng(seed)
    seq_lens, q_lens = [30, 64, 5], [3, 64, 1]
    cache = Paged(rng, seq_lens, 16, 2, 64, dtype, layout="HND")
    assert not cache.k.flags.c_contiguous
    cu = cu_from_lens(q_lens)
    q = make_q(rng, int(cu[-1]), 4, 64, dtype)
    check(seed, q, cache, cu, "HND", causal=True)


def test_strided_query_out_and_page_table():
    """q and out as views of larger buffers, the page table a column slice: strides pass
    through, out's padding stays untouched."""
    seed = 7000
    rng = np.random.default_rng(seed)
    seq_lens = [20, 45]
    cache = Paged(rng, seq_lens, 8, 2, 32)
    big_q = make_q(rng, 6, 8, 48, np.float32)
    q = big_q[::2, 2:6, :32]                        # [3 rows, 4 heads, 32], strided
    cu = np.array([0, 1, 3], dtype=np.int32)
    wide = np.full((2, cache.max_pages + 5), 10**6, dtype=np.int32)
    wide[:, 2:2 + cache.max_pages] = cache.page_table
    table = wide[:, 2:]                             # row stride > row length
    buf = np.full((3, 4, 40), 7.0, dtype=np.float32)
    out = buf[:, :, :32]
    got = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, table, cu_seqlens_q=cu,
                              out=out)
    assert got is out
    want, _ = ref_attention(q, [cache.dense(0), cache.dense(1)], cu)
    assert_close(out, want, "float32", "strided", seed)
    assert np.all(buf[:, :, 32:] == 7.0)


def test_contiguous_cache_without_page_table():
    """page_table None: sequence b is page b."""
    seed = 7100
    rng = np.random.default_rng(seed)
    seq_lens = [10, 32, 1]
    cache = Paged(rng, [32, 32, 32], 32, 2, 16, extra_pages=0)
    # make page b belong to sequence b, then shorten the sequences
    order = cache.page_table[:, 0]
    k, v = cache.k[order].copy(), cache.v[order].copy()
    for b, n in enumerate(seq_lens):
        k[b, n:] = np.nan
        v[b, n:] = np.nan
    q = make_q(rng, 3, 4, 16, np.float32)
    out = pagedattn.attention(q, k, v, seq_lens)
    dense = [(to_f64(k[b, :n]), to_f64(v[b, :n])) for b, n in enumerate(seq_lens)]
    want, _ = ref_attention(q, dense, cu_from_lens([1, 1, 1]))
    assert_close(out, want, "float32", "contiguous", seed)


def test_splits_deterministic():
    """Any num_splits gives the same answer; the same call twice gives the same bits."""
    seed = 8000
    rng = np.random.default_rng(seed)
    cache = Paged(rng, [700, 300], 16, 1, 64)
    q = make_q(rng, 2, 8, 64, np.float32)
    cu = cu_from_lens([1, 1])
    outs = [check(seed, q, cache, cu, "num_splits=%d" % n, num_splits=n)[0] for n in (0, 1, 4)]
    again = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table)
    np.testing.assert_array_equal(outs[0], again)


def test_long_decode_split_kv_one_row_table():
    """A batch-of-one decode over a long sequence (the CPU splits its keys, in a workspace the
    binding allocates), its page table a [None, :] view (row stride 0, which numpy calls
    contiguous), at 1 and 2 threads: correct, and the same bits."""
    seed = 8050
    rng = np.random.default_rng(seed)
    cache = Paged(rng, [3000], 16, 2, 64)
    table = np.asarray(cache.page_table)[0][None, :]
    assert table.strides[0] == 0
    q = make_q(rng, 1, 8, 64, np.float32)
    outs = []
    for threads in (1, 2):
        pagedattn.set_num_threads(threads)
        try:
            out, lse = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, table, return_lse=True)
        finally:
            pagedattn.set_num_threads(0)
        want, want_lse = ref_attention(q, [cache.dense(0)], cu_from_lens([1]))
        assert_close(out, want, "float32", "split-KV out", seed)
        assert_close(lse, want_lse, "float32", "split-KV lse", seed)
        outs.append(out)
    np.testing.assert_array_equal(outs[0], outs[1])


def test_max_seq_len_given():
    rng = np.random.default_rng(8100)
    cache = Paged(rng, [20, 10], 4, 1, 16)
    q = make_q(rng, 2, 1, 16, np.float32)
    a = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table)
    b = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                            max_seq_len=20, max_seqlen_q=1)
    np.testing.assert_array_equal(a, b)


def test_threads():
    """Calls from several Python threads at once (each thread has its own context and
    workspace)."""
    seed = 8200
    rng = np.random.default_rng(seed)
    cache = Paged(rng, [300, 200, 250], 16, 2, 64)
    qs = [make_q(rng, 3, 4, 64, np.float32) for _ in range(8)]
    dense = [cache.dense(b) for b in range(3)]
    results = [None] * len(qs)

    def work(i):
        results[i] = pagedattn.attention(qs[i], cache.k, cache.v, cache.seq_lens,
                                         cache.page_table)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(qs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, q in enumerate(qs):
        want, _ = ref_attention(q, dense, cu_from_lens([1, 1, 1]))
        assert_close(results[i], want, "float32", "thread %d" % i, seed)


# ---- kv_append ----------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", DTYPES, ids=DTYPE_IDS)
@pytest.mark.parametrize("layout", ["NHD", "HND"])
def test_kv_append(dtype, layout):
    seed = 9000
    rng = np.random.default_rng(seed)
    num_pages, page_size, kv_heads, d = 6, 4, 2, 32
    if layout == "HND":
        kst = np.full((num_pages, kv_heads, page_size, d), np.nan, dtype=dtype)
        vst = np.full((num_pages, kv_heads, page_size, d), np.nan, dtype=dtype)
        k, v = kst.transpose(0, 2, 1, 3), vst.transpose(0, 2, 1, 3)
    else:
        k = np.full((num_pages, page_size, kv_heads, d), np.nan, dtype=dtype)
        v = np.full((num_pages, page_size, kv_heads, d), np.nan, dtype=dtype)
    kn = rng.standard_normal((5, kv_heads, d)).astype(dtype)
    vn = rng.standard_normal((5, kv_heads, d)).astype(dtype)
    slots = np.array([0, 9, -1, 23, 5], dtype=np.int64)
    pagedattn.kv_append(k, v, kn, vn, slots)
    for t, s in enumerate(slots):
        if s < 0:
            continue
        np.testing.assert_array_equal(to_f64(k[s // page_size, s % page_size]), to_f64(kn[t]))
        np.testing.assert_array_equal(to_f64(v[s // page_size, s % page_size]), to_f64(vn[t]))
    written = np.zeros((num_pages, page_size), dtype=bool)
    written.flat[[0, 9, 23, 5]] = True
    assert np.all(np.isnan(to_f64(k))[~written])  # nothing else was touched
    # int32 slot lists and non-contiguous new rows work too
    kn2 = rng.standard_normal((2, kv_heads, 2 * d)).astype(dtype)[:, :, ::2]
    pagedattn.kv_append(k, v, kn2, kn2, [1, 2])
    np.testing.assert_array_equal(to_f64(k[0, 1:3]), to_f64(kn2))


def test_append_then_attend():
    """Prefill a paged cache with kv_append, then attend: the round trip the examples use."""
    seed = 9100
    rng = np.random.default_rng(seed)
    page_size, kv_heads, d = 8, 2, 64
    lens = [13, 30]
    k = np.full((10, page_size, kv_heads, d), np.nan, dtype=np.float32)
    v = np.full_like(k, np.nan)
    table = np.array([[7, 2, 9, 9], [0, 5, 1, 4]], dtype=np.int32)
    keys = [rng.standard_normal((n, kv_heads, d)).astype(np.float32) for n in lens]
    vals = [rng.standard_normal((n, kv_heads, d)).astype(np.float32) for n in lens]
    for b, n in enumerate(lens):
        pos = np.arange(n)
        slots = table[b, pos // page_size].astype(np.int64) * page_size + pos % page_size
        pagedattn.kv_append(k, v, keys[b], vals[b], slots)
    q_lens = [13, 4]
    cu = cu_from_lens(q_lens)
    q = make_q(rng, int(cu[-1]), 4, d, np.float32)
    out = pagedattn.attention(q, k, v, lens, table, cu_seqlens_q=cu, causal=True)
    dense = [(to_f64(keys[b]), to_f64(vals[b])) for b in range(2)]
    want, _ = ref_attention(q, dense, cu, causal=True)
    assert_close(out, want, "float32", "append+attend", seed)


# ---- errors: ValueError naming the field --------------------------------------------------------
@pytest.fixture
def small():
    rng = np.random.default_rng(10000)
    cache = Paged(rng, [10, 20], 4, 2, 16)
    q = make_q(rng, 2, 4, 16, np.float32)
    return q, cache


def test_error_bad_page_id(small):
    q, cache = small
    table = cache.page_table.copy()
    table[1, 2] = 9001
    with pytest.raises(ValueError, match="page_table") as e:
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, table)
    assert "9001" in str(e.value)
    assert isinstance(e.value, pagedattn.InvalidArgumentError)


def test_error_seq_len_past_max(small):
    q, cache = small
    with pytest.raises(ValueError, match="seq_lens|max_seq_len"):
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                            max_seq_len=12)


def test_error_heads_not_multiple(small):
    q, cache = small
    q3 = np.zeros((2, 3, 16), dtype=np.float32)
    with pytest.raises(ValueError, match="head"):
        pagedattn.attention(q3, cache.k, cache.v, cache.seq_lens, cache.page_table)


def test_error_head_dim_mismatch(small):
    q, cache = small
    with pytest.raises(ValueError, match="head_dim"):
        pagedattn.attention(q[:, :, :8].copy(), cache.k, cache.v, cache.seq_lens,
                            cache.page_table)


def test_error_window_left(small):
    q, cache = small
    with pytest.raises(ValueError, match="window_left"):
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                            window_left=-5)


def test_error_negative_cu_seqlens(small):
    q, cache = small
    with pytest.raises(ValueError, match="cu_seqlens"):
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                            cu_seqlens_q=np.array([0, 2, 1], dtype=np.int32), max_seqlen_q=2)


def test_error_binding_checks(small):
    """What only the binding can see (array extents) is checked before the library runs."""
    q, cache = small
    with pytest.raises(pagedattn.InvalidArgumentError, match="seq_lens"):
        pagedattn.attention(q, cache.k, cache.v, [10, 20, 3], cache.page_table)
    with pytest.raises(ValueError, match="page_table"):
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table[:, :2])
    with pytest.raises(ValueError, match="v_cache"):
        pagedattn.attention(q, cache.k, cache.v[:, :2], cache.seq_lens, cache.page_table)
    with pytest.raises(ValueError, match="dtype"):
        pagedattn.attention(q.astype(np.float64), cache.k, cache.v, cache.seq_lens,
                            cache.page_table)
    with pytest.raises(ValueError, match="out"):
        pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table,
                            out=np.empty((2, 4, 16), dtype=np.float16))
    with pytest.raises(ValueError, match="k_cache"):
        pagedattn.attention(q, cache.k[..., ::2], cache.v[..., ::2], cache.seq_lens,
                            cache.page_table)
    with pytest.raises(TypeError, match="q"):
        pagedattn.attention(q.tolist(), cache.k, cache.v, cache.seq_lens, cache.page_table)


def _unaligned(a):
    """a's values in an array whose address is one byte past an item boundary."""
    b = np.zeros(a.nbytes + 1, np.uint8)
    u = b[1:].view(a.dtype).reshape(a.shape)
    u[...] = a
    assert not u.flags.aligned
    return u


def test_tables_and_arrays_as_they_lie_in_memory(small):
    """Tables whose rows are not whole entries apart or not aligned are copied; float arrays that
    are not aligned are refused; ints past int32 are refused rather than wrapped."""
    q, cache = small
    want = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table)
    rows, w = cache.page_table.shape
    rec = np.zeros(rows, np.dtype([("pages", "<i4", (w,)), ("flag", "u1")], align=False))
    rec["pages"] = cache.page_table
    pt = rec["pages"]                           # row stride 4 w + 1 bytes
    assert pt.strides[0] % 4 != 0
    got = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, pt)
    np.testing.assert_array_equal(got, want)
    got = pagedattn.attention(q, cache.k, cache.v, _unaligned(cache.seq_lens.astype(np.int32)),
                              _unaligned(cache.page_table.astype(np.int32)))
    np.testing.assert_array_equal(got, want)
    for kw, name in ((dict(q=_unaligned(q)), "q"), (dict(k=_unaligned(cache.k)), "k_cache"),
                     (dict(out=_unaligned(np.zeros_like(q))), "out")):
        with pytest.raises(pagedattn.InvalidArgumentError, match=name + ": the array is not aligned"):
            pagedattn.attention(kw.get("q", q), kw.get("k", cache.k), cache.v, cache.seq_lens,
                                cache.page_table, out=kw.get("out"))
    for kw, pt in ((dict(window_left=2**32), cache.page_table), (dict(num_splits=2**32), cache.page_table),
                   (dict(window_left=2**31), cache.page_table), (dict(max_seq_len=2**32 + 17), None)):
        with pytest.raises(pagedattn.InvalidArgumentError, match="%s = %d does not fit in int32"
                           % next(iter(kw.items()))):
            pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, pt, **kw)
    with pytest.raises(pagedattn.InvalidArgumentError, match="does not fit in int32"):
        pagedattn.set_num_threads(2**32 + 2)


def test_written_arrays_must_not_overlap(small):
    """An out (or a kv_append cache) that reaches one element twice is refused before anything
    is written; padded and transposed layouts are not overlaps."""
    q, cache = small
    want = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table)
    base = np.zeros(2 * 4 * 16, np.float32)
    st = np.lib.stride_tricks.as_strided
    for shape, strides in (((2, 4, 16), (0, 64, 4)),       # every row on row 0
                           ((2, 4, 16), (64, 32, 4))):     # head h + 2 is row 1's head h
        out = st(base, shape, strides, writeable=True)
        with pytest.raises(pagedattn.InvalidArgumentError, match="out: its elements may overlap"):
            pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table, out=out)
        assert np.all(base == 0)
    buf = np.full((4, 2, 32), np.nan, np.float32)          # padded rows, heads first: distinct
    out = buf[:, :, :16].transpose(1, 0, 2)
    got = pagedattn.attention(q, cache.k, cache.v, cache.seq_lens, cache.page_table, out=out)
    np.testing.assert_array_equal(got, want)
    assert np.all(np.isnan(buf[:, :, 16:]))
    k = cache.k.copy()
    kover = st(k, k.shape, (0,) + k.strides[1:], writeable=True)   # every page is page 0
    kn = np.ones((1, 2, 16), np.float32)
    with pytest.raises(pagedattn.InvalidArgumentError, match="k_cache: its elements may overlap"):
        pagedattn.kv_append(kover, cache.v.copy(), kn, kn, np.array([5]))
    np.testing.assert_array_equal(np.isnan(k), np.isnan(cache.k))


def test_allocated_out_rows_past_cu_seqlens(small):
    """Rows of an allocated out past cu_seqlens_q[-1] are zeros, their lse -inf."""
    q, cache = small
    rng = np.random.default_rng(10001)
    q6 = make_q(rng, 6, 4, 16, np.float32)
    junk = np.full((6, 4, 16), 1e30, np.float32)   # leaves a freed block of 1e30 to reuse
    del junk
    out, lse = pagedattn.attention(q6, cache.k, cache.v, cache.seq_lens, cache.page_table,
                                   cu_seqlens_q=[0, 1, 4], return_lse=True)
    assert np.all(out[4:] == 0) and np.all(lse[4:] == -np.inf)
    assert np.all(np.isfinite(out[:4])) and np.all(np.isfinite(lse[:4]))


def test_error_kv_append_slot(small):
    _, cache = small
    k, v = cache.k.copy(), cache.v.copy()
    kn = np.zeros((2, 2, 16), dtype=np.float32)
    with pytest.raises(ValueError, match="slot_mapping"):
        pagedattn.kv_append(k, v, kn, kn, np.array([0, cache.num_pages * 4], dtype=np.int64))
    np.testing.assert_array_equal(np.isnan(k), np.isnan(cache.k))  # nothing written
    with pytest.raises(ValueError, match="k_new"):
        pagedattn.kv_append(k, v, kn.astype(np.float16), kn.astype(np.float16), [0, 1])
    with pytest.raises(ValueError, match="slot_mapping"):
        pagedattn.kv_append(k, v, kn, kn, [0])


# ---- finding the library ------------------------------------------------------------------------
def _run_python(code, env_extra):
    env = dict(os.environ, **env_extra)
    if os.environ.get("PAGEDATTN_TEST_INSTALLED") != "1":
        here = os.path.dirname(os.path.abspath(__file__))
        env["PYTHONPATH"] = os.path.join(here, "..") + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)


def test_kv_copy_limit_arguments():
    """set_kv_copy_limit: a negative size is a ValueError; on a machine without CUDA the CUDA
    context it configures cannot exist (RuntimeError), with one it is accepted."""
    with pytest.raises(pagedattn.InvalidArgumentError, match="nbytes = -1 is negative"):
        pagedattn.set_kv_copy_limit(-1)
    try:
        pagedattn.set_kv_copy_limit(0)
        pagedattn.set_kv_copy_limit(1 << 30)
    except pagedattn.PagedAttnError as e:
        assert "CUDA" in str(e) or "cuda" in str(e)


def test_missing_library_message():
    """import works without a library; the first call says how to build one."""
    r = _run_python("import pagedattn, numpy as np\n"
                    "try:\n"
                    "    pagedattn.version()\n"
                    "except pagedattn.LibraryNotFoundError as e:\n"
                    "    print('ERR', e)\n",
                    {"PAGEDATTN_LIBRARY": "/nonexistent/libpagedattn.so"})
    assert r.returncode == 0, r.stderr
    assert "ERR" in r.stdout and "/nonexistent/libpagedattn.so" in r.stdout
    assert "make" in r.stdout


def test_version_and_path():
    assert pagedattn.version() == (0, 1, 0)
    assert os.path.exists(pagedattn.library_path())


def test_numpy_only_does_not_import_torch():
    r = _run_python("import sys, numpy as np, pagedattn\n"
                    "q = np.zeros((1, 1, 8), np.float32); k = np.zeros((1, 4, 1, 8), np.float32)\n"
                    "pagedattn.attention(q, k, k, [3], [[0]])\n"
                    "print('torch' in sys.modules)\n", {})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
