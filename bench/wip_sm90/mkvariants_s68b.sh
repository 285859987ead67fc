#!/bin/bash
# Session 68: the d64 PAIR box issue with a warp-uniform tensor index (SM90_PAIR_UISSUE_D64, M97)
# against the library, each at several code shifts (SM90_PAD_D64 nanosleeps before the barrier
# set-up: 3.1v found d64 2.9% slower for the same loop SASS shifted by ten instructions), to tell
# the issue's own gain from code placement. Packs the pa-bench binaries alone.
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "v_p1 -DSM90_PAD_D64=1" "v_p3 -DSM90_PAD_D64=3" "v_p5 -DSM90_PAD_D64=5" \
       "v_u0 -DSM90_PAIR_UISSUE_D64=1" "v_u1 -DSM90_PAIR_UISSUE_D64=1 -DSM90_PAD_D64=1" \
       "v_u3 -DSM90_PAIR_UISSUE_D64=1 -DSM90_PAD_D64=3" "v_u5 -DSM90_PAIR_UISSUE_D64=1 -DSM90_PAD_D64=5"
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/pa-bench build/test_gpu v_u0/test_gpu v_p1/pa-bench v_p3/pa-bench v_p5/pa-bench \
    v_u0/pa-bench v_u1/pa-bench v_u3/pa-bench v_u5/pa-bench && xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
