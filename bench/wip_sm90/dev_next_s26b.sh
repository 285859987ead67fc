#!/bin/bash
# Session 26, call 2: the d256 gather's copies paced by nanosleep (build_P16 / build_P48: after
# each 4-row copy group in all four copying warps, 16 / 48 ns; build_PK48: K's warps only)
# against build: ncu A/B at d256 pages 1 / 4, causal both; a short forced-gather test of each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26b build_PK48/pa-bench
gather_ab "build_P16 build_P48 build_PK48" 256 1,4 20 5754
dev_end logs_s26b
