#!/bin/bash
# Session 46: the committed build plus copy-kernel variants (kv_copy.o rebuilt with NVEXTRA):
# build_pf1 (bulk L2 prefetch of the warp's rows of its next item), build_pf2 (the same, a
# prefetch.global.L2 per 128-byte line), build_ns (the loads alone, nothing stored: timing only).
. "$(dirname "$0")/mkvariant_lib.sh"
mkc() {
    local v=$1; shift
    rm -rf "$v" && cp -r build "$v" && rm -f "$v"/src/cuda/kv_copy.o "$v"/pa-bench "$v"/libpagedattn.a \
        "$v"/libpagedattn.so "$v"/pagedattn_all.o "$v"/test_gpu
    make -j2 BUILD="$v" NVEXTRA="$*" "$v"/pa-bench "$v"/test_gpu "$v"/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
    echo "$v: $*"
}
mkc build_pf1 -DPA_COPY_OV_PF=1
mkc build_pf2 -DPA_COPY_OV_PF=2
mkc build_ns -DPA_COPY_OV_NOSTORE
pack build_pf1 build_pf2 build_ns
