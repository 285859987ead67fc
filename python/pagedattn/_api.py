"""attention() and kv_append(): arrays in, one pa_attention / pa_kv_append call out.

numpy arrays run on the CPU backend. torch tensors run where they live: CUDA tensors on the
CUDA backend, queued on torch.cuda.current_stream(device); CPU tensors on the CPU backend.
torch is never imported here: a tensor can only reach us if the caller already imported it.
"""
import contextlib
import ctypes
import sys

import numpy as np

from . import _lib
from ._lib import PA_BACKEND_CPU, PA_BACKEND_CUDA, PA_OK

_WS_ALIGN = 256
_Invalid = _lib.InvalidArgumentError   # a ValueError, as the library's own PA_ERR_INVALID_ARG
_i32 = _lib.int32


def _torch():
    return sys.modules.get("torch")


def _is_torch(x):
    t = _torch()
    return t is not None and isinstance(x, t.Tensor)


# ---- one float tensor: pointer, shape, strides in elements, dtype code -----------------------
class _Tensor:
    __slots__ = ("obj", "ptr", "shape", "strides", "dtype", "name")

    def __init__(self, obj, name):
        self.obj, self.name = obj, name
        if isinstance(obj, np.ndarray):
            self.dtype = _numpy_dtype(obj.dtype, name)
            item = obj.dtype.itemsize
            if not obj.flags.aligned:
                raise _Invalid("%s: the array is not aligned to its item size %d (address %#x, "
                               "strides %s)" % (name, item, obj.ctypes.data, obj.strides))
            if any(s % item for s in obj.strides):
                raise _Invalid("%s: strides %s are not multiples of the item size %d"
                                 % (name, obj.strides, item))
            self.ptr = obj.ctypes.data
            self.strides = tuple(s // item for s in obj.strides)
        else:
            self.dtype = _torch_dtype(obj.dtype, name)
            if obj.layout != _torch().strided:
                raise _Invalid("%s: layout %s is not supported (a strided tensor)"
                               % (name, obj.layout))
            if any(getattr(obj, f, lambda: False)() for f in ("is_neg", "is_conj")):
                # a lazy negated (or conjugated) view: its memory holds the other values
                raise _Invalid("%s: a lazily negated view (resolve_neg() it first)" % name)
            self.ptr = obj.data_ptr()
            item = obj.element_size()
            if self.ptr % item:
                raise _Invalid("%s: the tensor is not aligned to its item size %d (address %#x)"
                               % (name, item, self.ptr))
            self.strides = tuple(obj.stride())
        self.shape = tuple(obj.shape)

    def check_no_overlap(self):
        """A tensor the call writes must not reach one element twice (an expanded or
        as_strided view would have threads race on it and rows overwrite each other)."""
        if _may_overlap(self.shape, self.strides):
            raise _Invalid("%s: its elements may overlap (shape %s, strides %s elements); a "
                           "tensor the call writes needs distinct elements"
                           % (self.name, self.shape, self.strides))


def _may_overlap(shape, strides):
    """False when every index of shape reaches its own element: taken in increasing order,
    each dimension's stride passes the largest offset of the smaller ones (a dense or padded
    layout in any dimension order). True otherwise (stride 0, interleaved dimensions)."""
    reach = 0
    for stride, n in sorted((abs(s), n) for n, s in zip(shape, strides) if n > 1):
        if stride <= reach:
            return True
        reach += (n - 1) * stride
    return False


def _numpy_dtype(dt, name):
    if not dt.isnative:
        raise _Invalid("%s: byte order of dtype %s is not native" % (name, dt))
    if dt == np.float32:
        return _lib.PA_DTYPE_F32
    if dt == np.float16:
        return _lib.PA_DTYPE_F16
    if dt.name == "bfloat16" and dt.itemsize == 2:  # ml_dtypes.bfloat16
        return _lib.PA_DTYPE_BF16
    raise _Invalid("%s: dtype %s is not supported (float32, float16, or ml_dtypes.bfloat16)"
                     % (name, dt))


def _torch_dtype(dt, name):
    torch = _torch()
    codes = {torch.float32: _lib.PA_DTYPE_F32, torch.float16: _lib.PA_DTYPE_F16,
             torch.bfloat16: _lib.PA_DTYPE_BF16}
    if dt not in codes:
        raise _Invalid("%s: dtype %s is not supported (float32, float16, bfloat16)"
                         % (name, dt))
    return codes[dt]


# ---- where a call runs -------------------------------------------------------------------------
class _Placement:
    """The backend and device of a call, from its query (or cache) tensor."""

    def __init__(self, x, name):
        if isinstance(x, np.ndarray):
            self.kind, self.backend, self.device, self.tdevice = "numpy", PA_BACKEND_CPU, 0, None
        elif _is_torch(x):
            dev = x.device
            if dev.type == "cuda":
                torch = _torch()
                idx = dev.index if dev.index is not None else torch.cuda.current_device()
                self.kind, self.backend, self.device = "torch", PA_BACKEND_CUDA, idx
                self.tdevice = torch.device("cuda", idx)
            elif dev.type == "cpu":
                self.kind, self.backend, self.device, self.tdevice = "torch", PA_BACKEND_CPU, 0, dev
            else:
                raise _Invalid("%s: torch device %s is not supported (cuda or cpu)"
                                 % (name, dev))
        else:
            raise TypeError("%s: expected a numpy array or a torch tensor, got %s"
                            % (name, type(x).__name__))

    @property
    def on_host(self):
        return self.backend == PA_BACKEND_CPU

    def check(self, x, name):
        """x must be an array of the same kind on the same device."""
        if self.kind == "numpy":
            if not isinstance(x, np.ndarray):
                raise TypeError("%s: expected a numpy array like q, got %s"
                                % (name, type(x).__name__))
            return
        if not _is_torch(x):
            raise TypeError("%s: expected a torch tensor like q, got %s"
                            % (name, type(x).__name__))
        if x.device.type != self.tdevice.type or (
                self.backend == PA_BACKEND_CUDA and x.device.index not in (None, self.device)):
            raise _Invalid("%s is on %s but the call runs on %s" % (name, x.device,
                                                                       self.tdevice))

    def contiguous(self, x):
        if isinstance(x, np.ndarray):
            return np.ascontiguousarray(x)
        return x.contiguous()

    def empty(self, shape, like=None, float32=False):
        if self.kind == "numpy":
            return np.empty(shape, dtype=np.float32 if float32 else like.dtype)
        torch = _torch()
        return torch.empty(shape, dtype=torch.float32 if float32 else like.dtype,
                           device=self.tdevice)

    @staticmethod
    def fill(x, value):
        if isinstance(x, np.ndarray):
            x.fill(value)
        else:
            x.fill_(value)

    def context(self):
        ctx = _lib.context(self.backend, self.device)
        if self.backend == PA_BACKEND_CUDA:
            torch = _torch()
            stream = torch.cuda.current_stream(self.tdevice).cuda_stream
            st = _lib.load().pa_context_set_stream(ctx, ctypes.c_void_p(stream))
            if st != PA_OK:
                _lib.raise_for(st, ctx, "pa_context_set_stream")
            self.stream = stream
        return ctx

    def device_guard(self):
        """Makes the tensors' GPU the current device for the call (kernels launch there)."""
        if self.backend == PA_BACKEND_CUDA:
            return _torch().cuda.device(self.device)
        return contextlib.nullcontext()

    def workspace(self, nbytes):
        """An aligned device (or host) buffer of at least nbytes, kept for the next call."""
        if nbytes == 0:
            return None, 0
        if self.backend == PA_BACKEND_CUDA:
            # per stream too: a buffer still in use by a kernel on another stream is not free
            key, torch = ("cuda", self.device, self.stream), _torch()
        else:
            key, torch = ("cpu",), None
        cache = _lib.workspace_cache()
        buf = cache.get(key)
        if buf is None or buf[1] < nbytes:
            size = max(nbytes, 2 * buf[1] if buf else 0)
            if torch is not None:
                mem = torch.empty(size + _WS_ALIGN, dtype=torch.uint8, device=self.tdevice)
                base = mem.data_ptr()
            else:
                mem = np.empty(size + _WS_ALIGN, dtype=np.uint8)
                base = mem.ctypes.data
            ptr = (base + _WS_ALIGN - 1) // _WS_ALIGN * _WS_ALIGN
            buf = cache[key] = (mem, size, ptr)
        return buf[2], buf[1]


# ---- integer tables: seq_lens, page_table, cu_seqlens_q, slot_mapping -----------------------
class _Table:
    """An integer table on the call's device. `host` is a numpy view of it when it is on the
    host already (numpy, CPU tensors, or lists), else None: reading a device table would
    synchronize."""
    __slots__ = ("obj", "ptr", "shape", "stride0", "host")


def _stride0(stride, shape, ndim):
    """The row stride of a table in elements. A table of one row may carry any stride there (a
    [None, :] view has 0, which numpy and torch still call contiguous); its row length then."""
    if ndim != 2:
        return 1
    if shape[0] <= 1:
        return max(shape[1], 1)
    return stride


def _table(x, name, where, np_dtype, ndim):
    t = _Table()
    torch = _torch()
    if _is_torch(x) and x.device.type != "cpu":
        where.check(x, name)
        want = torch.int32 if np_dtype == np.int32 else torch.int64
        if x.dtype not in (torch.int32, torch.int64, torch.int16, torch.uint8, torch.int8):
            raise _Invalid("%s: dtype %s is not an integer type" % (name, x.dtype))
        if x.dim() != ndim:
            raise _Invalid("%s: expected %d dimensions, got shape %s"
                             % (name, ndim, tuple(x.shape)))
        if x.dtype != want:
            if want == torch.int32 and x.dtype == torch.int64:
                # on the device, no synchronizing range check: values past int32 become -1 or
                # 2^31 - 1, ids and lengths the library treats as bad, instead of wrapping into
                # valid-looking ones
                x = x.clamp(-1, 2**31 - 1)
            x = x.to(want)
        if x.stride(-1) != 1 or (ndim == 2 and x.stride(0) < x.shape[1]):
            x = x.contiguous()
        t.obj, t.ptr, t.shape, t.host = x, x.data_ptr(), tuple(x.shape), None
        t.stride0 = _stride0(x.stride(0), t.shape, ndim)
        return t
    # on the host: numpy array, CPU tensor, list
    if _is_torch(x):
        try:
            h = x.detach().resolve_neg().numpy()   # (a grad-requiring or negated view as well)
        except Exception:  # torch without numpy support
            h = np.asarray(x.tolist())
    else:
        h = np.asarray(x)
    if h.ndim != ndim:
        raise _Invalid("%s: expected %d dimensions, got shape %s" % (name, ndim, h.shape))
    if h.size and h.dtype.kind not in "iu":
        raise _Invalid("%s: dtype %s is not an integer type" % (name, h.dtype))
    if h.dtype != np_dtype:
        info = np.iinfo(np_dtype)
        if h.size and (h.min() < info.min or h.max() > info.max):
            raise _Invalid("%s: values do not fit in %s" % (name, np.dtype(np_dtype).name))
        h = h.astype(np_dtype)
    # passed as they are: aligned, C-contiguous or rows of whole entries spaced evenly
    if not h.flags.aligned or (not h.flags.c_contiguous and not (
            ndim == 2 and h.strides[1] == h.itemsize and h.strides[0] % h.itemsize == 0
            and h.strides[0] >= h.shape[1] * h.itemsize)):
        h = np.require(h, np_dtype, ["C", "A"])
    t.host = h
    t.shape = h.shape
    t.stride0 = _stride0(h.strides[0] // h.itemsize, h.shape, ndim)
    if where.backend == PA_BACKEND_CUDA:  # a host table for a CUDA call: copy it over
        d = torch.from_numpy(np.ascontiguousarray(h)).to(where.tdevice, non_blocking=False)
        t.obj, t.ptr = d, d.data_ptr()
        t.stride0 = _stride0(d.stride(0), h.shape, ndim)
    else:
        t.obj, t.ptr = h, h.ctypes.data
    return t


def _row_stride(t):
    """The row stride of a [batch, sq, heads, d] tensor seen as [batch*sq, heads, d], or None
    when its rows are not evenly spaced."""
    batch, sq = t.shape[0], t.shape[1]
    if sq == 1:
        return t.strides[0]
    if batch == 1 or t.strides[0] == sq * t.strides[1]:
        return t.strides[1]
    return None


def _cache_view(x, name, where):
    where.check(x, name)
    t = _Tensor(x, name)
    if len(t.shape) != 4:
        raise _Invalid("%s: expected [num_pages, page_size, kv_heads, head_dim], got shape %s"
                         % (name, t.shape))
    if t.strides[3] != 1 and t.shape[3] > 1:
        raise _Invalid("%s: the last dimension must be contiguous (strides %s elements)"
                         % (name, t.strides))
    return t


def _kv_struct(k, v, name_k="k_cache", name_v="v_cache"):
    if k.shape != v.shape:
        raise _Invalid("%s has shape %s but %s has shape %s" % (name_k, k.shape, name_v,
                                                                    v.shape))
    if k.dtype != v.dtype:
        raise _Invalid("%s and %s have different dtypes (%s, %s)"
                         % (name_k, name_v, k.obj.dtype, v.obj.dtype))
    num_pages, page_size, kv_heads, head_dim = k.shape
    kv = _lib.PaKvCache()
    kv.dtype = k.dtype
    kv.num_kv_heads, kv.head_dim = _i32(kv_heads, "kv_heads"), _i32(head_dim, "head_dim")
    kv.page_size, kv.num_pages = _i32(page_size, "page_size"), _i32(num_pages, "num_pages")
    kv.k, kv.v = k.ptr, v.ptr
    kv.k_stride_page, kv.k_stride_token, kv.k_stride_head = k.strides[:3]
    kv.v_stride_page, kv.v_stride_token, kv.v_stride_head = v.strides[:3]
    return kv


def _check_status(st, ctx, what):
    if st != PA_OK:
        _lib.raise_for(st, ctx, what)


# ---- attention ---------------------------------------------------------------------------------
def attention(q, k_cache, v_cache, seq_lens, page_table=None, cu_seqlens_q=None,
              max_seqlen_q=None, max_seq_len=None, causal=False, softmax_scale=None,
              window_left=-1, softcap=0.0, num_splits=0, return_lse=False, out=None):
    """Attention of q over each sequence's keys and values in a paged KV cache.

    q: [total_q, heads, head_dim] (rows of sequence b are cu_seqlens_q[b]:cu_seqlens_q[b+1];
       without cu_seqlens_q every sequence has total_q / batch rows, e.g. one row in decode),
       or [batch, seqlen_q, heads, head_dim].
    k_cache, v_cache: [num_pages, page_size, kv_heads, head_dim], any strides with a contiguous
       last dimension (an HND cache [pages, kv_heads, page_size, d] passed as .transpose(1, 2)).
       heads must be a multiple of kv_heads (GQA / MQA).
    seq_lens: [batch] int, keys of each sequence. page_table: [batch, max_pages] int (or None:
       sequence b is page b). Only the first ceil(seq_lens[b] / page_size) entries of a row
       are read.
    max_seqlen_q, max_seq_len: computed from the tables when they are on the host; required
       when they live on a CUDA device (computing them would synchronize it).
    causal: bottom-right aligned (query i of sq sees keys j <= i + sk - sq).
    window_left >= 0: also hides keys j < i + sk - sq - window_left. softcap > 0: scores
       become softcap * tanh(score / softcap). num_splits: 0 lets the library choose.
    out: optional output of q's shape and dtype (rows past cu_seqlens_q[-1] are not
       written). return_lse: also return the log-sum-exp
       (float32, natural log) of shape q.shape[:-1].

    Returns out, or (out, lse).
    """
    where = _Placement(q, "q")
    qt = _Tensor(q, "q")
    kt = _cache_view(k_cache, "k_cache", where)
    vt = _cache_view(v_cache, "v_cache", where)
    kv = _kv_struct(kt, vt)
    page_size = kt.shape[1]

    # the query: [batch, sq, h, d] is [batch*sq, h, d] when batch rows are evenly spaced
    four_d = len(qt.shape) == 4
    if len(qt.shape) not in (3, 4):
        raise _Invalid("q: expected [total_q, heads, head_dim] or [batch, seqlen_q, heads, "
                         "head_dim], got shape %s" % (qt.shape,))
    if four_d:
        if cu_seqlens_q is not None:
            raise _Invalid("cu_seqlens_q: give q as [total_q, heads, head_dim] to use it; "
                             "q has shape %s" % (qt.shape,))
        batch, sq = qt.shape[0], qt.shape[1]
        if max_seqlen_q is not None and max_seqlen_q != sq:
            raise _Invalid("max_seqlen_q = %s but q has %d rows per sequence"
                             % (max_seqlen_q, sq))
        if (qt.strides[3] != 1 and qt.shape[3] > 1) or _row_stride(qt) is None:
            q = where.contiguous(q)
            qt = _Tensor(q, "q")
        stride_token, stride_head = _row_stride(qt), qt.strides[2]
    else:
        if qt.strides[2] != 1 and qt.shape[2] > 1:
            q = where.contiguous(q)
            qt = _Tensor(q, "q")
        stride_token, stride_head = qt.strides[0], qt.strides[1]
    total_q = qt.shape[0] * qt.shape[1] if four_d else qt.shape[0]
    heads, head_dim = qt.shape[-2], qt.shape[-1]

    sl = _table(seq_lens, "seq_lens", where, np.int32, 1)
    keep = [q, sl]
    cu = None
    if not four_d:
        if cu_seqlens_q is not None:
            cu = _table(cu_seqlens_q, "cu_seqlens_q", where, np.int32, 1)
            keep.append(cu)
            batch = cu.shape[0] - 1
            if batch < 0:
                raise _Invalid("cu_seqlens_q: must have batch + 1 entries, got none")
            if max_seqlen_q is None:
                if cu.host is None:
                    raise _Invalid("max_seqlen_q is required when cu_seqlens_q is on a CUDA "
                                     "device (computing it would synchronize the device)")
                max_seqlen_q = int(np.diff(cu.host).max()) if batch else 0
            if cu.host is not None and batch and cu.host[-1] > total_q:
                raise _Invalid("cu_seqlens_q[%d] = %d is past the %d rows of q"
                                 % (batch, int(cu.host[-1]), total_q))
        else:
            batch = sl.shape[0]
            if batch == 0 or total_q % batch:
                raise _Invalid("q has %d rows, not a multiple of batch = %d (len(seq_lens)); "
                                 "pass cu_seqlens_q for varying query lengths"
                                 % (total_q, batch))
            if max_seqlen_q is not None and max_seqlen_q != total_q // batch:
                raise _Invalid("max_seqlen_q = %s but q has %d rows per sequence without "
                                 "cu_seqlens_q" % (max_seqlen_q, total_q // batch))
            max_seqlen_q = total_q // batch
    else:
        max_seqlen_q = sq
    if sl.shape[0] != batch:
        raise _Invalid("seq_lens has %d entries but the batch has %d sequences"
                         % (sl.shape[0], batch))
    if max_seq_len is None:
        if sl.host is None:
            raise _Invalid("max_seq_len is required when seq_lens is on a CUDA device "
                             "(computing it would synchronize the device)")
        max_seq_len = int(sl.host.max()) if batch else 0

    pt = None
    if page_table is not None:
        pt = _table(page_table, "page_table", where, np.int32, 2)
        keep.append(pt)
        if pt.shape[0] < batch:
            raise _Invalid("page_table has %d rows but the batch has %d sequences"
                             % (pt.shape[0], batch))
        if pt.shape[1] * page_size < max_seq_len:  # the library cannot see the row length
            raise _Invalid("page_table has %d pages per row (%d keys of page_size %d) but "
                             "max_seq_len = %d" % (pt.shape[1], pt.shape[1] * page_size,
                                                    page_size, max_seq_len))
    kv.page_table = pt.ptr if pt else None
    kv.page_table_stride = pt.stride0 if pt else 0
    kv.seq_lens = sl.ptr
    kv.max_seq_len = _i32(max_seq_len, "max_seq_len")

    qs = _lib.PaQuery()
    qs.dtype, qs.batch = qt.dtype, _i32(batch, "batch")
    qs.num_heads, qs.head_dim = _i32(heads, "q heads"), _i32(head_dim, "q head_dim")
    qs.data, qs.stride_token, qs.stride_head = qt.ptr, stride_token, stride_head
    qs.cu_seqlens = cu.ptr if cu else None
    qs.max_seqlen = _i32(max_seqlen_q, "max_seqlen_q")

    # the output: q's shape and dtype, rows evenly spaced
    if out is None:
        out = where.empty(qt.shape, like=q)
        if cu is not None:   # rows past cu_seqlens_q[-1] are not written: zeros, as no keys give
            where.fill(out, 0.0)
    else:
        where.check(out, "out")
        if tuple(out.shape) != qt.shape:
            raise _Invalid("out has shape %s but q has shape %s" % (tuple(out.shape),
                                                                       qt.shape))
        if isinstance(out, np.ndarray) and not out.flags.writeable:
            raise _Invalid("out is read-only")
    ot = _Tensor(out, "out")
    ot.check_no_overlap()
    if ot.dtype != qt.dtype:
        raise _Invalid("out has dtype %s but q has dtype %s" % (out.dtype, q.dtype))
    if ot.strides[-1] != 1 and head_dim > 1:
        raise _Invalid("out: the last dimension must be contiguous (strides %s elements)"
                         % (ot.strides,))
    o_stride_token = _row_stride(ot) if four_d else ot.strides[0]
    if o_stride_token is None:
        raise _Invalid("out: rows of consecutive sequences must be evenly spaced (strides %s "
                         "elements)" % (ot.strides,))
    os_ = _lib.PaOutput()
    os_.data = ot.ptr
    os_.stride_token, os_.stride_head = o_stride_token, ot.strides[-2]
    lse = None
    if return_lse:
        lse = where.empty(qt.shape[:-1], float32=True)
        if cu is not None:
            where.fill(lse, -np.inf)
        os_.lse = _Tensor(lse, "lse").ptr

    params = _lib.PaAttnParams()
    lib = _lib.load()
    lib.pa_attn_params_init(ctypes.byref(params), head_dim)
    if softmax_scale is not None:
        params.softmax_scale = float(softmax_scale)
    params.causal = 1 if causal else 0
    params.window_left = _i32(window_left, "window_left")
    params.softcap = float(softcap)
    params.num_splits = _i32(num_splits, "num_splits")

    if total_q == 0:
        return (out, lse) if return_lse else out

    with where.device_guard():
        ctx = where.context()
        nbytes = ctypes.c_size_t(0)
        _check_status(lib.pa_workspace_size(ctx, ctypes.byref(qs), ctypes.byref(kv),
                                            ctypes.byref(params), ctypes.byref(nbytes)),
                      ctx, "pa_workspace_size")
        ws_ptr, ws_bytes = where.workspace(nbytes.value)
        _check_status(lib.pa_attention(ctx, ctypes.byref(qs), ctypes.byref(kv),
                                       ctypes.byref(params), ctypes.byref(os_), ws_ptr,
                                       ws_bytes), ctx, "pa_attention")
    del keep  # host tables were only read during the call; device ones are stream-ordered
    return (out, lse) if return_lse else out


# ---- kv_append ---------------------------------------------------------------------------------
def kv_append(k_cache, v_cache, k_new, v_new, slot_mapping):
    """Write token t's key and value (k_new[t], v_new[t]: [num_tokens, kv_heads, head_dim], in
    the cache's dtype) to slot slot_mapping[t] = page * page_size + offset of the caches, in
    place. A negative slot skips the token. Runs where the caches live (numpy: CPU)."""
    where = _Placement(k_cache, "k_cache")
    kt = _cache_view(k_cache, "k_cache", where)
    vt = _cache_view(v_cache, "v_cache", where)
    for x, name in ((k_cache, "k_cache"), (v_cache, "v_cache")):
        if isinstance(x, np.ndarray) and not x.flags.writeable:
            raise _Invalid("%s is read-only" % name)
    kt.check_no_overlap()
    vt.check_no_overlap()
    kv = _kv_struct(kt, vt)
    where.check(k_new, "k_new")
    where.check(v_new, "v_new")
    kn, vn = _Tensor(k_new, "k_new"), _Tensor(v_new, "v_new")
    want = kt.shape[2:]
    for t in (kn, vn):
        if len(t.shape) != 3 or t.shape[1:] != want:
            raise _Invalid("%s: expected [num_tokens, %d, %d] (kv_heads, head_dim of the "
                             "cache), got shape %s" % (t.name, want[0], want[1], t.shape))
        if t.dtype != kt.dtype:
            raise _Invalid("%s has dtype %s but the cache has dtype %s"
                             % (t.name, t.obj.dtype, k_cache.dtype))
    if kn.shape != vn.shape:
        raise _Invalid("k_new has shape %s but v_new has shape %s" % (kn.shape, vn.shape))
    if kn.strides[:2] != vn.strides[:2] or kn.strides[2] != 1 or vn.strides[2] != 1:
        # one pair of strides serves both
        k_new, v_new = where.contiguous(k_new), where.contiguous(v_new)
        kn, vn = _Tensor(k_new, "k_new"), _Tensor(v_new, "v_new")
    num_tokens = kn.shape[0]
    sm = _table(slot_mapping, "slot_mapping", where, np.int64, 1)
    if sm.shape[0] != num_tokens:
        raise _Invalid("slot_mapping has %d entries but k_new has %d tokens"
                         % (sm.shape[0], num_tokens))
    if num_tokens == 0:
        return
    lib = _lib.load()
    with where.device_guard():
        ctx = where.context()
        _check_status(lib.pa_kv_append(ctx, ctypes.byref(kv), kn.ptr, vn.ptr, kn.strides[0],
                                       kn.strides[1], sm.ptr, _i32(num_tokens, "num_tokens")),
                      ctx, "pa_kv_append")
