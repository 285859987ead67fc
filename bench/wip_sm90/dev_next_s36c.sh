#!/bin/bash
# Prepared in session 35, for session 36 after dev_next_s36a.sh: the integrated run of the
# committed library once a stall-free form (SM90_WAIT_CONVERGE or SM90_BAR_NONALIGNED) is adopted
# as its default (rebuild build/ and carry it: `make -j2 all build/test_gpu build/pa-bench`, then
# `tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so`):
#   1. tests of build (integrated_checks: automatic, forced sm90 and gather at each head_dim, the
#      d256 gather's pages, tail pieces, racecheck, memcheck, 64-bit offsets, d128 gather racecheck)
#      then, alone on the GPU, 2 rounds of the two d64 TMA racecheck runs that stalled (30 s each);
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench): RESULTS 2.49.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t36c build/pa-bench
integrated_checks 36200
wait
d64_rc_rounds build 2 30 rc   # alone on the GPU (session 35 saw its stalls with the GPU to itself)
test_summary
dev_end logs_s36c
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
echo "bench done $(el)" | tee -a "$O/summary.txt"
