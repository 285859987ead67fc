#!/bin/bash
# Session 29, call 2 (carry .carry/bins.tar.xz from mkvariants_s29b.sh): does a tile's TMA boxes
# going through several tensor maps cost what the page runs cost? ncu A/B of build (2.41's SASS)
# and build_M8 (PAIR boxes through 8 copies of the map) at PAIR pages 16 / 32 / 48 / 96 and run
# page 100, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t29b build_M8/pa-bench
ncu_ab "build build_M8" --dims 128,256 --pages 16,32,48,96,100 --causal both
dev_end logs_s29b
