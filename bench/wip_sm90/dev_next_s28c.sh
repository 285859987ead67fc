#!/bin/bash
# Session 28, call 3 (carry .carry/bins.tar.xz: call 1's build and build_R0, and build_PB; pa_ncu.py now reads the 7-argument
# kernel names of M62's build): the ncu A/B of build_R0 (plain page runs) and build (M62) at pages
# 44 / 100 / 132, d128 / d256, causal both (call 1's A/B lost to the names), and build_PB (M62 with
# SM90_PRUNS_SPLIT=1: warp 1 also issues the odd runs' PAIR boxes; its d128 producer spills 4 bytes).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28c build_R0/pa-bench
ncu_ab "build_R0 build build_PB" --dims 128,256 --pages 44,100,132 --causal both
dev_end logs_s28c
