#!/bin/bash
# Session 26, call 4 (carry .carry/bins.tar.xz: build = M58 on, the library of the commit that
# adopts it, and build_NP / build_V32 / build_P16):
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at d128 / d256 (and
#      the d256 gather's small pages and tail pieces), racecheck and memcheck of the d256 gather;
#   2. ncu A/B at d256 pages 1 / 3 / 4, causal both: build against build_NP (not paced),
#      build_V32 (V's warps only), build_P16 (16 ns);
#   3. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26d build_P16/pa-bench
build_checks 6100 "128 256"
wait
test_summary
ncu_ab "build build_NP build_V32 build_P16" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s26d
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
