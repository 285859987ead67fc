#!/bin/bash
# Session 26, call 7: the d256 gather's older choices again on top of M58 (build_PF0: no fence in
# the copying threads; build_LL1: next tile's lookups after the copies; build_BF1: branch-free
# lookups) against build: a short forced-gather test of each at d256, ncu A/B at d256 pages 1 / 3 /
# 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26g build_BF1/pa-bench
gather_ab "build_PF0 build_LL1 build_BF1" 256 1,3,4 20 6144
dev_end logs_s26g
