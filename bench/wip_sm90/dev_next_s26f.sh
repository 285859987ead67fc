#!/bin/bash
# Session 26, call 6: M58's pause refined at d256 (build_S2: two 16 ns pauses a 4-row group;
# build_K48: K's warps 48 ns, V's 32; build_V16: K's 32, V's 16) against build (32 ns after each
# group): a short forced-gather test of each at d256, ncu A/B at d256 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26f build_V16/pa-bench
gather_ab "build_S2 build_K48 build_V16" 256 1,3,4 20 6044
dev_end logs_s26f
