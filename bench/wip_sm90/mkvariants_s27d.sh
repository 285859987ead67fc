#!/bin/bash
# Session 27, call 4's builds (after git apply bench/wip_sm90/kv4b.patch, whose
# SM90_GATHER_KV4_WARPS knob gives 2): the d256 gather's K and V both copied by producer warps 0
# and 1 (half of the rows each, K(j+1) before V(j); warps 2 and 3 exit): build_KV2 with M58's
# 32 ns pauses, build_KV2P16 with 16 ns. Rejected (RESULTS 3.2e).
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_KV2 -DSM90_GATHER_KV4_D256=1 -DSM90_GATHER_KV4_WARPS=2" \
       "build_KV2P16 -DSM90_GATHER_KV4_D256=1 -DSM90_GATHER_KV4_WARPS=2 -DSM90_GATHER_PACE_D256=16"
