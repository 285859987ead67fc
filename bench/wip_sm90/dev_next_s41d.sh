#!/bin/bash
# Session 41, last call: the tests before an integrated run (integrated_checks) and the whole
# tests/sanitize.sh (make test-sanitize's script: memcheck and racecheck, automatic and forced TMA /
# gather / page runs / last-wave split at each head_dim, every run on the library's own build, 120 s a
# run) over the committed library with M75 (SM90_PAIR_SHARE_D256=1), whose 2.51 benchmark ran in
# s41b. Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41d build/pa-bench
integrated_checks 41600
wait
test_summary
sanitize_phase 400
dev_end logs_s41d
