#!/bin/bash
# Prepared in session 33 (built and packed at its end): the d128 gather's rings 3 deep
# (SM90_VSTAGES_G128, new in session 33, since session 34 in vstages_g128.patch; and SM90_KSTAGES_G128; arrivals not deferred: M35 measured
# 3 stages only with deferred arrivals, M31 before M33..M71): build_V3 = K 2 / V 3 stages (192 KB),
# build_K3 = K 3 / V 2 (192 KB), build_KV3 = both 3 (224 KB). And two trace libraries
# (bench/wip_sm90/trace.py): build_T = -DSM90_TRACE, build_TKV = the same with SM90_TT_KV=1 (the
# per-tile stamp 2 between K's and V's full waits, to tell which copy stream the consumers wait
# for). Carry .carry/bins.tar.xz for dev_next_s34a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_lib() {   # NAME FLAGS...: the shared library alone (trace builds; trace.py loads it)
    local v=$1; shift
    rm -rf "$v" && cp -r build "$v" && rm -f "$v"/src/cuda/prefill_sm90.o "$v"/libpagedattn.so "$v"/libpagedattn.a "$v"/pagedattn_all.o
    make -j2 BUILD="$v" NVEXTRA="$*" "$v"/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }
    echo "$v: $*"
}
mk_lib build_T -DSM90_TRACE &
mk_lib build_TKV -DSM90_TRACE -DSM90_TT_KV=1 &
wait
mk_two "build_V3 -DSM90_VSTAGES_G128=3" "build_KV3 -DSM90_VSTAGES_G128=3 -DSM90_KSTAGES_G128=3" \
       "build_K3 -DSM90_KSTAGES_G128=3"
# mk_two packed the three variants; add the trace libraries
tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_V3/test_gpu build_V3/pa-bench build_K3/test_gpu build_K3/pa-bench build_KV3/test_gpu build_KV3/pa-bench \
    build_T/libpagedattn.so build_TKV/libpagedattn.so && xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
