#!/bin/bash
# Session 30, call 2 (carry .carry/bins.tar.xz: build = the library with M64 at d128 and M65 at d64):
# the integrated run of 2.42.
#   1. tests of build: automatic, forced sm90 at each head_dim, forced gather at each head_dim (and
#      the d256 gather's small pages and tail pieces, racecheck, memcheck), then the run pages at
#      d64 / d128 with the d128 last-wave pieces, racecheck and memcheck there (variant_page_checks);
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench: compare.py with the anchors, pa-bench's
#      table, the ncu rows, power.py).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t30c build/pa-bench
build_checks 30300 "64 128 256"
variant_page_checks C30 build 30400 64,128 128 150
dev_end logs_s30c
PHASE=bench COMPARE_S=330 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -75
