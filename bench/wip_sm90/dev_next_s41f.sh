#!/bin/bash
# Session 41, after 3.2x: does page 100's extra come from its page-table loads? build_DP (diag_p.patch
# plus mode 1 in the page-run path: page ids computed as b x pt_stride + i instead of loaded; timing
# only, the table's order does not matter for time, 3.1/2.25) at modes 0 and 1, ncu, d128 / d256
# (d64's diag instances spill 4 bytes), causal both, pages 8 / 64 / 100.
# Build: git apply bench/wip_sm90/diag_p_runs.patch; ALLOW_SPILLS=1 mk build_DP -DSM90_DIAG_P=1;
# pack build_DP. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41f build_DP/pa-bench
mode_ab PA_SM90_DIAG_P build_DP "D0=0 D1=1" --dims 128,256 --causal both --pages 8,64,100
dev_end logs_s41f
