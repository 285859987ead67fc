#!/bin/bash
# Session 22, call 5: the build with M49 (SM90_WG_SHFL on the 128-key d128 and the d256 TMA kernels)
# and build_M48 (SM90_WG_SHFL=0: the commit before it).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_M48 -DSM90_WG_SHFL=0
pack build_M48
