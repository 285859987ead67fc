"""pagedattn: attention over a paged KV cache, for numpy arrays and torch tensors.

A thin ctypes binding over libpagedattn.so (see include/pagedattn.h). The library is loaded
on first use, from: $PAGEDATTN_LIBRARY, a copy bundled in this package by `pip install`,
the source tree's build/ directory, then the system loader.

    out = pagedattn.attention(q, k_cache, v_cache, seq_lens, page_table, causal=True)
    pagedattn.kv_append(k_cache, v_cache, k_new, v_new, slot_mapping)
"""
from ._api import attention, kv_append
from ._lib import (InvalidArgumentError, LibraryNotFoundError, PagedAttnError, library_path,
                   set_kv_copy_limit, set_num_threads, set_validation, version)

__version__ = "0.1.0"
__all__ = ["attention", "kv_append", "version", "library_path", "set_num_threads",
           "set_validation", "set_kv_copy_limit", "PagedAttnError", "InvalidArgumentError", "LibraryNotFoundError",
           "__version__"]
