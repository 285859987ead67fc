#!/bin/bash
# Session 20, for session 21 (compile-checked here, not run): d128 gather variants after M45.
# Needs cuobjdump / nvdisasm on the PATH (NOTES session 20: pip wheels nvidia-cuda-cuobjdump and
# nvidia-cuda-nvdisasm 13.2.51). ~5 min on 2 cores. Then: bash bench/wip_sm90/dev_next_s21.sh with
# carry .carry/bins.tar.xz.
#   build_M1:  the 128-key d128 gather with the mask words read by every consumer thread
#              (SM90_MASK_SYNC_G128=1, M45's d64 move; 0 local memory, 16..24 fewer instructions
#              in the 4 d128 gather functions);
#   build_WG:  the 176-key d128 gather (SM90_WIDE_GATHER=1; +17% over its contiguous launch in
#              3.1w), for a PC-sampling profile: why is it slow?
#   build_WM1: both (its TAIL gather instances spill 132 bytes: measurement only).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_M1 -DSM90_MASK_SYNC_G128=1
mk build_WG -DSM90_WIDE_GATHER=1
ALLOW_SPILLS=1 mk build_WM1 -DSM90_WIDE_GATHER=1 -DSM90_MASK_SYNC_G128=1
pack build_M1 build_WG build_WM1
