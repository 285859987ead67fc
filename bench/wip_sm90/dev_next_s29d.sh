#!/bin/bash
# Session 29, call 4 (carry .carry/bins.tar.xz from mkvariants_s29d.sh): (1) dev_next_s29c.sh's full
# profiles (pages 96 and 100, fragmented tables); (2) what producer instructions cost: ncu A/B of
# build, build_B64 and build_B192 (64 / 192 extra IMADs a tile in each PAIR issuing warp) at PAIR
# pages 48 / 96, d128 / d256, causal both (the contiguous rows run the PAIR path too).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29d build_B192/pa-bench
AB_PREFIX=pb ncu_ab "build build_B64 build_B192" --dims 128,256 --pages 48,96 --causal both
dev_end logs_s29d
bash bench/wip_sm90/dev_next_s29c.sh
