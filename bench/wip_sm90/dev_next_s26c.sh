#!/bin/bash
# Session 26, call 3: the d128 and d256 gathers' copies paced (build_A32 / build_B96 /
# build_C200: a nanosleep of 32 / 96 / 200 ns after each 4-row copy group at d128 and d256) against build: a
# short forced-gather test of each at each head_dim, ncu A/B at pages 1 / 4, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t26c build_C200/pa-bench
gather_ab "build_A32 build_B96 build_C200" 256,128 1,4 15 6020
dev_end logs_s26c
