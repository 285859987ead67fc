#!/bin/bash
# Session 27, call 3's build: build_KV4 = SM90_GATHER_KV4_D256=1 (M61 candidate: the d256 gather's
# four producer warps each copy a quarter of K's and of V's rows, K(j+1) before V(j); rejected,
# RESULTS 3.2e). The knob has since left the source: git apply bench/wip_sm90/kv4b.patch first.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_KV4 -DSM90_GATHER_KV4_D256=1
pack build_KV4
