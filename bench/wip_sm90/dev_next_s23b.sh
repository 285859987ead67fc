#!/bin/bash
# Session 23, call 3 (the same carry as dev_next_s23.sh, whose two non-causal A/Bs passed page 0,
# which pa_ncu.py adds by itself): build_OLD / build / build_OV at d128 non-causal page 8, and
# build / build_OV on the run pages 51 / 100 at every head_dim, non-causal.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t23b build_OV/pa-bench
ncu_ab "build_OLD build build_OV" --dims 128 --pages 8 --causal 0
AB_PREFIX=r ncu_ab "build build_OV" --dims 64,128,256 --pages 51,100 --causal 0
dev_end logs_s23b
