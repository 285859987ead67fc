#!/bin/bash
# Session 68: M97 at d128: the PAIR issue with a warp-uniform tensor (SM90_PAIR_UISSUE_D128) at
# three code shifts (SM90_PAD_D128), the library at one shift, the plain-layout issue
# (SM90_PLAIN_UISSUE_D128), and d64's winner of dev_s68b (v_u0) again. pa-bench binaries (+ tests).
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "v_w0 -DSM90_PAIR_UISSUE_D128=1" "v_w2 -DSM90_PAIR_UISSUE_D128=1 -DSM90_PAD_D128=2" \
       "v_w4 -DSM90_PAIR_UISSUE_D128=1 -DSM90_PAD_D128=4" "v_q2 -DSM90_PAD_D128=2" "v_w1 -DSM90_PLAIN_UISSUE_D128=1" > /dev/null
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/pa-bench build/test_gpu v_u0/pa-bench v_w0/test_gpu v_w1/test_gpu \
    v_w0/pa-bench v_w2/pa-bench v_w4/pa-bench v_q2/pa-bench v_w1/pa-bench && xz -t .carry/bins.tar.xz && ls -la .carry/bins.tar.xz
