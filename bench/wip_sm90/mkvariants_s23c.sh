#!/bin/bash
# Session 23, call 4: build = the adopted defaults (M50: SM90_WIDE_NOPOS, M49 in the d256 gathers;
# M51: overlapping run boxes at d256); build_MS = + SM90_MASK_SKIP=1 (contiguous caches skip the
# mask words in the TMA kernels' loop).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_MS -DSM90_MASK_SKIP=1
pack build_MS
