"""The ctypes mirror (pagedattn/_lib.py) against the C compiler's view of include/pagedattn.h.

A field added, moved or resized in the header without the same change in _lib.py would make
every call pass garbage; these tests catch it. The C side comes from build/test_abi --layout
(tests/test_abi.c, built by make test beside the library); the exported functions from nm."""
import ctypes
import os
import shutil
import subprocess

import pytest

from pagedattn import _lib

MIRRORS = {
    "pa_query": _lib.PaQuery,
    "pa_kv_cache": _lib.PaKvCache,
    "pa_attn_params": _lib.PaAttnParams,
    "pa_output": _lib.PaOutput,
}


def _library_file():
    path = os.environ.get("PAGEDATTN_LIBRARY")
    if not path or not os.path.exists(path):
        pytest.skip("PAGEDATTN_LIBRARY does not name a library file (python/tests/run.sh sets it)")
    return path


def _c_layout():
    exe = os.path.join(os.path.dirname(_library_file()), "test_abi")
    if not os.access(exe, os.X_OK):
        pytest.skip("%s not built (make test builds it)" % exe)
    out = subprocess.run([exe, "--layout"], check=True, capture_output=True, text=True).stdout
    fields, sizes = {}, {}
    for line in out.splitlines():
        name, a, b = line.split()
        if a == "sizeof":
            sizes[name] = int(b)
        else:
            struct, field = name.split(".")
            fields.setdefault(struct, {})[field] = (int(a), int(b))
    return fields, sizes


def test_structs_match_the_header_field_by_field():
    fields, sizes = _c_layout()
    assert set(fields) == set(MIRRORS)
    for struct, cls in MIRRORS.items():
        mirror = {name: (getattr(cls, name).offset, getattr(cls, name).size)
                  for name, _ in cls._fields_}
        assert mirror == fields[struct], struct
        assert ctypes.sizeof(cls) == sizes[struct], struct


def test_bindings_cover_exactly_the_exported_functions():
    nm = shutil.which("nm")
    if nm is None:
        pytest.skip("nm not found")
    out = subprocess.run([nm, "-D", "--defined-only", _library_file()], check=True,
                         capture_output=True, text=True).stdout
    exported = {line.split()[-1] for line in out.splitlines() if len(line.split()) == 3}
    # nothing but the API leaves the library (the CUDA runtime is linked in statically)
    assert {s for s in exported if not s.startswith("pa_")} <= {"_init", "_fini"}
    assert {s for s in exported if s.startswith("pa_")} == set(_lib._SIGNATURES)
