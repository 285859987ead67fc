#!/bin/bash
# Session 42: the tests before an integrated run (integrated_checks) and the whole
# tests/sanitize.sh (make test-sanitize's script: memcheck and racecheck, automatic and forced TMA /
# gather / page runs / last-wave split at each head_dim, every run on the library's own build, 120 s a
# run) over the committed library with M78 (SM90_PT_SMEM=3), whose 2.53 benchmark ran in
# s42b. Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t42c build/pa-bench
integrated_checks 42600
wait
test_summary
sanitize_phase 400
dev_end logs_s42c
