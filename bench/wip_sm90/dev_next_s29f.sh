#!/bin/bash
# Session 29, call 6 (carry .carry/bins.tar.xz from mkvariants_s29f.sh): do producer instructions cost
# the consumers issue slots or the producer latency? ncu A/B of build, build_B64 / build_B192 (64 /
# 192 dependent IMADs a tile in each PAIR issuing warp) and build_I64 / build_I192 (the same counts in
# four independent chains) at PAIR page 48 and contiguous, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29f build_I192/pa-bench
AB_PREFIX=pi ncu_ab "build build_B64 build_I64 build_B192 build_I192" --dims 128,256 --pages 48 --causal both
dev_end logs_s29f
