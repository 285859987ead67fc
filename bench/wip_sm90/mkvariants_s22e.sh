#!/bin/bash
# Session 22, call 6: build_WNP = SM90_WIDE_NOPOS=1 (the 176-key kernels' loop tests only the mask
# words; their mask drops the causal / window terms), build_WNPA = + SM90_DIET_ANY_W=1 (lane 0 ORs
# the mask words in those kernels). Only the 176-key functions differ from build; spill-free.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_WNP -DSM90_WIDE_NOPOS=1
mk build_WNPA -DSM90_WIDE_NOPOS=1 -DSM90_DIET_ANY_W=1
pack build_WNP build_WNPA
