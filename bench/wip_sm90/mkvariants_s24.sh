#!/bin/bash
# Session 24, call 1: build_PRE = SM90_TMA_PRE=1 (the d256 TMA producers form the mask words, the
# PAIR coordinates / shares and the run boxes' bytes before the empty wait); build_PRE2 = the same
# in every TMA kernel but the 128-key d128 PAIR ones (they spill with it).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PRE -DSM90_TMA_PRE=1
mk build_PRE2 -DSM90_TMA_PRE=2
pack build_PRE build_PRE2
