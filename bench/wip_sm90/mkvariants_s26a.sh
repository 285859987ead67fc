#!/bin/bash
# Session 26 (development machine): build_CC = M57, the d256 gather's copies issued by the consumer
# warpgroups (SM90_CCOPY_G256=1; Q's k-steps in registers 2, as its consumers spill with 4).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_CC -DSM90_CCOPY_G256=1
pack build_CC
