#!/bin/bash
# Session 26, call 5: the d64 gather paced (build_E8 / build_E4: 32 ns after every 8 / 4 copy
# groups; build_E8L: 64 ns every 8) against build: a short forced-gather test of each at d64, ncu
# A/B at d64 pages 1 / 3 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26e build_E8L/pa-bench
gather_ab "build_E8 build_E4 build_E8L" 64 1,3,4 20 6136
dev_end logs_s26e
