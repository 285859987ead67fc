#!/bin/bash
# Session 27, call 3's build: build_KV4 = SM90_GATHER_KV4_D256=1 (M61 candidate: the d256 gather's
# four producer warps each copy a quarter of K's and of V's rows, K(j+1) before V(j)).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_KV4 -DSM90_GATHER_KV4_D256=1
pack build_KV4
