#!/bin/bash
# Session 27, call 1 (carry .carry/bins.tar.xz: build = HEAD's library, M58 + M59): the first
# integrated run that includes M59.
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at each head_dim (and
#      the d256 gather's small pages and tail pieces), racecheck and memcheck of the d256 gather;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27a build/pa-bench
build_checks 7100 "64 128 256"
wait
test_summary
dev_end logs_s27a
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
