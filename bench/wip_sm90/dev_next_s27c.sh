#!/bin/bash
# Session 27, call 3 (carry .carry/bins.tar.xz from mkvariants_s27c.sh): build_KV4 (the d256
# gather's four producer warps copy a quarter of K's and V's rows each, K(j+1) before V(j)):
# forced-gather tests at d256 (all pages; pages 1..100; last-wave pieces), racecheck, memcheck;
# then, only if they all passed, the ncu A/B against build at d256 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t27c build_KV4/pa-bench
d256_checks KV4 build_KV4 7300
wait
test_summary
ab_if_passed "KV4_g256 KV4_gpages KV4_gtail" "build build_KV4" --dims 256 --pages 1,3,4 --causal both
dev_end logs_s27c
