#!/bin/bash
# (M85 left the source in session 56: git apply pt_async_m85.patch before building v_ptr.)
# Session 55: M85 restricted to the plain-layout instances (SM90_PT_ASYNC=2, v_ptr: its PAIR
# instances' SASS is the library's, its plain ones v_pta's, whose tests passed in dev_s55b).
# ncu A/B passes of build against v_ptr at d128 / d256 causal page 100 (and the contiguous rows)
# while a pass fits before NCU_S seconds (default 80; each pass's rows go to summary.txt as it
# ends, for a call cut short); then, with 40 s left before DEADLINE (default 150), the per-CTA
# trace of build_T against build_TP (.carry/trace.tar.xz) at d128 causal contiguous / page 100;
# then the 13th racecheck run (rc_beside, without the long-range cases) if 90 s are left.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t55c v_ptr/pa-bench
D=${DEADLINE:-150}
ncu_passes "build v_ptr" ${NCU_S:-80} 8 --dims 128,256 --pages 100 --causal 1
# the per-CTA trace of d128 causal contiguous / page 100, the library's trace build (build_T)
# against v_ptr's (build_TP: -DSM90_TRACE -DSM90_PT_ASYNC=2), when 40 s are left
if [ $(( D - $(date +%s) + t0 )) -gt 40 ] && tar xJf .carry/trace.tar.xz; then
    for v in build_T build_TP; do trace_run $v trace_$v 30 128:8192:8192:1 128:8192:8192:1:100; done
fi
rc_beside "$D"
dev_end logs_s55c
