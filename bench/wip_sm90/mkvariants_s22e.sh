#!/bin/bash
# Session 22 (prepared for session 23; the device budget ran out): build_WNP = SM90_WIDE_NOPOS=1
# (the 176-key kernels' loop tests only the mask words; their mask drops the causal / window
# terms), build_WNPA = + SM90_DIET_ANY_W=1 (lane 0 ORs the mask words in those kernels); only the
# 176-key functions differ from build, spill-free. build_WSG = SM90_WG_SHFL_GATHER=1 (M49 in the
# d128 / d256 gathers: one value spilled around the loop, one STL before and one LDL after it).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WNP -DSM90_WIDE_NOPOS=1
mk build_WNPA -DSM90_WIDE_NOPOS=1 -DSM90_DIET_ANY_W=1
ALLOW_SPILLS=1 mk build_WSG -DSM90_WG_SHFL_GATHER=1
pack build_WNP build_WNPA build_WSG
