#!/bin/bash
# Session 28, call 2 (carry .carry/bins.tar.xz: build = the library with M62): the integrated run.
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at each head_dim (and
#      the d256 gather's small pages and tail pieces), racecheck and memcheck of the d256 gather,
#      and M62's page sizes (4 mod 8 from 44 up) forced to sm90 at d128 / d256;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28b build/pa-bench
build_checks 8900 "64 128 256"
for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_PAGES=44,52,100,132,204,676 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=$((8950 + d)) \
        timeout 150 build/test_gpu > $T/pruns_$d.log 2>&1 &
done
wait
test_summary
dev_end logs_s28b
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
