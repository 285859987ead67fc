#!/bin/bash
# Session 19's first call (prepared in session 18): build_CV2 = the committed kernels with the merge
# of the last wave's pieces rewritten (SM90_COMBINE_V2: lse over the lanes, 8 pieces' loads in
# flight; compile-checked, no spills, default SASS unchanged). Packs build/ and build_CV2 for
# dev_next_s19.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_CV2 -DSM90_COMBINE_V2=1
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_CV2/test_gpu build_CV2/pa-bench build_CV2/libpagedattn.so && ls -la .carry/bins.tar.xz
