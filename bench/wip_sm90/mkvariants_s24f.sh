#!/bin/bash
# Session 24, call 7: build = M52 + M53; build_KS = SM90_KSPLIT=1 (K's full barrier split per panel
# warp in the plain-layout TMA kernels but the 176-key ones; Q K^T's first half issued before warp
# 1's panels land). SM90_KSPLIT has since left the source (rejected, RESULTS 3.2b): first
# `git apply bench/wip_sm90/ksplit.patch`.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_KS -DSM90_KSPLIT=1
pack build_KS
