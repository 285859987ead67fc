#!/bin/bash
# Session 68: a search over d128 PAIR producer forms that draw different consumer schedules (every
# producer change reorders the consumers, 3.4g): M97's issue at d128 as a shuffle in the issue (1),
# a redux (2) or a shuffle before the tile loop (3), each with and without one 16-byte store of a
# clean tile's key-mask words (SM90_MASK_V4), and the store alone. pa-bench binaries only.
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "v_sa -DSM90_PAIR_UISSUE_D128=1 -DSM90_MASK_V4=1" "v_sb -DSM90_PAIR_UISSUE_D128=2" \
       "v_sc -DSM90_PAIR_UISSUE_D128=2 -DSM90_MASK_V4=1" "v_sd -DSM90_PAIR_UISSUE_D128=3" \
       "v_se -DSM90_PAIR_UISSUE_D128=3 -DSM90_MASK_V4=1" "v_sf -DSM90_MASK_V4=1" > /dev/null
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/pa-bench build/test_gpu v_w0/pa-bench v_sa/pa-bench v_sb/pa-bench v_sc/pa-bench \
    v_sd/pa-bench v_se/pa-bench v_sf/pa-bench v_sa/test_gpu v_sb/test_gpu v_sd/test_gpu v_sf/test_gpu && xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
