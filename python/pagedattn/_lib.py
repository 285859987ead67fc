"""Finding and loading libpagedattn.so, and the ctypes mirror of include/pagedattn.h.

Nothing here runs at import time: the library is loaded on the first call that needs it, so
`import pagedattn` always works and a missing library is reported with the way to build it.
"""
import ctypes
import ctypes.util
import os
import threading

LIB_NAME = "libpagedattn.so"
_HERE = os.path.dirname(os.path.abspath(__file__))

# ---- status codes and enums (pagedattn.h, section 1) --------------------------------------
PA_OK = 0
PA_ERR_INVALID_ARG = 1
PA_ERR_UNSUPPORTED = 2
PA_ERR_WORKSPACE_TOO_SMALL = 3
PA_ERR_OUT_OF_MEMORY = 4
PA_ERR_CUDA = 5

PA_BACKEND_CPU = 0
PA_BACKEND_CUDA = 1

PA_DTYPE_F32 = 0
PA_DTYPE_F16 = 1
PA_DTYPE_BF16 = 2


# ---- structs (pagedattn.h, section 3); pointers are plain addresses (c_void_p) -------------
class PaQuery(ctypes.Structure):
    _fields_ = [
        ("dtype", ctypes.c_int),
        ("batch", ctypes.c_int32),
        ("num_heads", ctypes.c_int32),
        ("head_dim", ctypes.c_int32),
        ("data", ctypes.c_void_p),
        ("stride_token", ctypes.c_int64),
        ("stride_head", ctypes.c_int64),
        ("cu_seqlens", ctypes.c_void_p),
        ("max_seqlen", ctypes.c_int32),
    ]


class PaKvCache(ctypes.Structure):
    _fields_ = [
        ("dtype", ctypes.c_int),
        ("num_kv_heads", ctypes.c_int32),
        ("head_dim", ctypes.c_int32),
        ("page_size", ctypes.c_int32),
        ("num_pages", ctypes.c_int32),
        ("k", ctypes.c_void_p),
        ("v", ctypes.c_void_p),
        ("k_stride_page", ctypes.c_int64),
        ("k_stride_token", ctypes.c_int64),
        ("k_stride_head", ctypes.c_int64),
        ("v_stride_page", ctypes.c_int64),
        ("v_stride_token", ctypes.c_int64),
        ("v_stride_head", ctypes.c_int64),
        ("page_table", ctypes.c_void_p),
        ("page_table_stride", ctypes.c_int64),
        ("seq_lens", ctypes.c_void_p),
        ("max_seq_len", ctypes.c_int32),
    ]


class PaAttnParams(ctypes.Structure):
    _fields_ = [
        ("softmax_scale", ctypes.c_float),
        ("causal", ctypes.c_int32),
        ("window_left", ctypes.c_int32),
        ("softcap", ctypes.c_float),
        ("num_splits", ctypes.c_int32),
    ]


class PaOutput(ctypes.Structure):
    _fields_ = [
        ("data", ctypes.c_void_p),
        ("stride_token", ctypes.c_int64),
        ("stride_head", ctypes.c_int64),
        ("lse", ctypes.c_void_p),
    ]


_P = ctypes.POINTER
# name: (restype, argtypes)
_SIGNATURES = {
    "pa_version": (ctypes.c_uint, []),
    "pa_status_string": (ctypes.c_char_p, [ctypes.c_int]),
    "pa_context_create": (ctypes.c_int, [_P(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]),
    "pa_context_destroy": (None, [ctypes.c_void_p]),
    "pa_context_set_stream": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p]),
    "pa_context_set_num_threads": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int]),
    "pa_context_set_validation": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int]),
    "pa_context_set_kv_copy_limit": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t]),
    "pa_context_last_error": (ctypes.c_char_p, [ctypes.c_void_p]),
    "pa_attn_params_init": (None, [_P(PaAttnParams), ctypes.c_int32]),
    "pa_workspace_size": (ctypes.c_int, [ctypes.c_void_p, _P(PaQuery), _P(PaKvCache),
                                         _P(PaAttnParams), _P(ctypes.c_size_t)]),
    "pa_attention": (ctypes.c_int, [ctypes.c_void_p, _P(PaQuery), _P(PaKvCache),
                                    _P(PaAttnParams), _P(PaOutput), ctypes.c_void_p,
                                    ctypes.c_size_t]),
    "pa_kv_append": (ctypes.c_int, [ctypes.c_void_p, _P(PaKvCache), ctypes.c_void_p,
                                    ctypes.c_void_p, ctypes.c_int64, ctypes.c_int64,
                                    ctypes.c_void_p, ctypes.c_int32]),
}


# ---- errors ---------------------------------------------------------------------------------
class PagedAttnError(RuntimeError):
    """A failed library call; `status` is the pa_status code. PA_ERR_INVALID_ARG raises
    InvalidArgumentError (a ValueError), every other status this class."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class InvalidArgumentError(ValueError):
    """PA_ERR_INVALID_ARG: the library's message names the field and the value."""

    def __init__(self, message, status=PA_ERR_INVALID_ARG):
        super().__init__(message)
        self.status = status


class LibraryNotFoundError(OSError):
    """libpagedattn.so could not be found or loaded."""


BUILD_HINT = (
    "Build it from the repository root with `make` (or `make CUDA=0 lib` for a CPU-only "
    "library), then `pip install ./python` to bundle it with the package, or point "
    "PAGEDATTN_LIBRARY at build/libpagedattn.so."
)


# ---- finding the library ----------------------------------------------------------------------
def candidate_paths():
    """Where the library is looked for, in order: (description, path or name)."""
    out = []
    env = os.environ.get("PAGEDATTN_LIBRARY")
    if env:
        out.append(("PAGEDATTN_LIBRARY", env))
        return out  # an explicit choice is never silently replaced by another library
    out.append(("bundled with the package", os.path.join(_HERE, LIB_NAME)))
    if os.path.exists(os.path.join(_HERE, "..", "pyproject.toml")):  # used from python/
        out.append(("source tree build/", os.path.normpath(os.path.join(_HERE, "..", "..",
                                                                         "build", LIB_NAME))))
    found = ctypes.util.find_library("pagedattn")
    out.append(("system loader", found or LIB_NAME))
    return out


_lock = threading.Lock()
_lib = None
_lib_path = None


def _bind(lib):
    for name, (restype, argtypes) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    return lib


def load():
    """The loaded library (ctypes.CDLL), loading it on first use."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for where, path in candidate_paths():
            is_file = os.sep in path
            if is_file and not os.path.exists(path):
                tried.append("%s: %s (no such file)" % (where, path))
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append("%s: %s (%s)" % (where, path, e))
                continue
            try:
                _bind(lib)
            except AttributeError as e:
                tried.append("%s: %s (not a pagedattn library: %s)" % (where, path, e))
                continue
            _lib, _lib_path = lib, (getattr(lib, "_name", None) or path)
            return _lib
        raise LibraryNotFoundError("libpagedattn.so was not found. Tried:\n  " +
                                   "\n  ".join(tried) + "\n" + BUILD_HINT)


def library_path():
    """The path of the loaded library (loading it if needed)."""
    load()
    return _lib_path


def version():
    """The linked library's version as a (major, minor, patch) tuple."""
    v = load().pa_version()
    return (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF


def status_string(status):
    s = load().pa_status_string(status)
    return s.decode("utf-8", "replace") if s else "status %d" % status


def raise_for(status, ctx, what):
    """Raise the Python exception for a failed call `what` on context `ctx`."""
    lib = load()
    msg = lib.pa_context_last_error(ctx) if ctx else None
    msg = msg.decode("utf-8", "replace") if msg else ""
    text = "%s: %s" % (what, msg or status_string(status))
    if status == PA_ERR_INVALID_ARG:
        raise InvalidArgumentError(text, status)
    raise PagedAttnError(text + (" [%s]" % status_string(status) if msg else ""), status)


# ---- contexts: one per (backend, device) and thread -----------------------------------------
class _Context:
    """Owns one pa_context; destroyed with the Python object."""

    def __init__(self, backend, device):
        lib = load()
        self._lib = lib
        self.handle = ctypes.c_void_p()
        st = lib.pa_context_create(ctypes.byref(self.handle), backend, device)
        if st != PA_OK:
            try:
                if not self.handle:
                    raise PagedAttnError("pa_context_create: %s" % status_string(st), st)
                raise_for(st, self.handle, "pa_context_create(%s, device %d)" % (
                    "CUDA" if backend == PA_BACKEND_CUDA else "CPU", device))
            finally:
                self.close()

    def close(self):
        if self.handle:
            self._lib.pa_context_destroy(self.handle)
            self.handle = ctypes.c_void_p()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


# Contexts and workspaces are kept per thread: a context holds the last error message and the
# stream, and a workspace may be in use by a running call, so threads never share them.
_local = threading.local()


def context(backend, device):
    cache = getattr(_local, "contexts", None)
    if cache is None:
        cache = _local.contexts = {}
    key = (backend, device)
    ctx = cache.get(key)
    if ctx is None:
        ctx = cache[key] = _Context(backend, device)
    return ctx.handle


def workspace_cache():
    cache = getattr(_local, "workspaces", None)
    if cache is None:
        cache = _local.workspaces = {}
    return cache


def int32(x, name):
    """An int for an int32 field or argument of the C library (ctypes would wrap a larger one
    silently): InvalidArgumentError outside [-2^31, 2^31)."""
    x = int(x)
    if not -2**31 <= x < 2**31:
        raise InvalidArgumentError("%s = %d does not fit in int32" % (name, x))
    return x


def set_num_threads(n):
    """CPU backend: worker threads for this thread's CPU context (n <= 0: the online cores)."""
    lib = load()
    ctx = context(PA_BACKEND_CPU, 0)
    st = lib.pa_context_set_num_threads(ctx, int32(n, "set_num_threads: n"))
    if st != PA_OK:
        raise_for(st, ctx, "pa_context_set_num_threads")


def set_validation(on, device=0):
    """CUDA backend: check page tables, seq_lens and cu_seqlens on the host before each call
    (synchronizes the stream: a debugging aid). Applies to this thread's context for `device`."""
    lib = load()
    ctx = context(PA_BACKEND_CUDA, int(device))
    st = lib.pa_context_set_validation(ctx, 1 if on else 0)
    if st != PA_OK:
        raise_for(st, ctx, "pa_context_set_validation")


def set_kv_copy_limit(nbytes, device=0):
    """CUDA backend on Hopper: the most workspace bytes a call may use to copy a paged cache
    into a contiguous one before the attention (when that is estimated faster than reading the
    pages inside the kernel: small pages, or few kv heads); 0 turns the copy off. Applies to
    this thread's context for `device`."""
    if int(nbytes) < 0:
        raise InvalidArgumentError("nbytes = %d is negative" % int(nbytes))
    lib = load()
    ctx = context(PA_BACKEND_CUDA, int(device))
    st = lib.pa_context_set_kv_copy_limit(ctx, int(nbytes))
    if st != PA_OK:
        raise_for(st, ctx, "pa_context_set_kv_copy_limit")
