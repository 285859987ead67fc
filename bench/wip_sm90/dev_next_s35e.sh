#!/bin/bash
# Session 35, call 5 (carry .carry/bins.tar.xz: build/ and build_BO/, -DSM90_WAIT_BACKOFF: a 256 ns
# sleep after each failed mbarrier try). Calls 1..4: racecheck stalls the d64 TMA runs of
# tests/sanitize.sh in about half of them (seed 1, at "contiguous case 0" where named), never the
# gather or d128 / d256 runs; the case alone passes, 5000 runs of it without a sanitizer pass. Theory:
# under racecheck, threads spinning on an mbarrier starve the thread they wait for. Test: the two d64
# TMA runs (forced; page runs) twice, build and build_BO alternated, 40 s each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t35e build_BO/test_gpu
d64_rc_rounds "build build_BO" 2 40 rc
dev_end logs_s35e
