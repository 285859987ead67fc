#!/bin/bash
# Session 25, call 1 (carry .carry/bins.tar.xz from mkvariants_s25a.sh): ncu A/B of the measurement
# builds against the default, builds alternated twice:
#   build_P0 (plain layout everywhere) at the contiguous rows and PAIR pages 32 / 64;
#   build_G1 / build_G2 (gather copies nothing / half) at page 1;
#   build_OW (one warp issues up to 4 PAIR boxes) at pages 32 / 64 (d128 causal is the row to read).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25a build_OW/pa-bench
nvidia-smi --query-gpu=name,clocks.max.sm,power.limit --format=csv | tee -a "$O/summary.txt"
ncu_ab "build build_P0 build_G1 build_G2 build_OW" --dims 256,128,64 --pages 1,32,64 --causal both
dev_end logs_s25a
