#!/bin/bash
# Session 23, call 5: build = the adopted defaults (M50, M51; SM90_MASK_SKIP measured in call 4 and
# removed); build_WW = + SM90_WG_SHFL_W=1 (M49 in the 176-key kernels, now that SM90_WIDE_NOPOS
# freed their loop).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WW -DSM90_WG_SHFL_W=1
pack build_WW
