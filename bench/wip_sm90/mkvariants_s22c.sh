#!/bin/bash
# Session 22, call 4: the committed build (M48) and build_WS (SM90_WG_SHFL=1: the warpgroup index
# shared from lane 0, Q's descriptors in uniform registers; d128 / d256 TMA kernels; spill-free).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WS -DSM90_WG_SHFL=1
pack build_WS
xz -d .carry/bins.tar.xz && tar rf .carry/bins.tar build_WS/libpagedattn.so && xz -T0 .carry/bins.tar && ls -la .carry/bins.tar.xz
