#!/bin/bash
# Builds what bench/wip_sm90/dev_s14c.sh measures: the mask-word modes re-drawn for the gather
# kernels after M30 changed their SASS (and T64 mode 2 for d64 page 8), from the committed build/.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_MA -DSM90_MASK_SYNC_G64=1 -DSM90_MASK_SYNC_G128=1 -DSM90_MASK_SYNC_G256=2
mk build_MB -DSM90_MASK_SYNC_G64=2 -DSM90_MASK_SYNC_G128=2 -DSM90_MASK_SYNC_G256=3 -DSM90_MASK_SYNC_T64=2
mk build_MC -DSM90_MASK_SYNC_G64=3 -DSM90_MASK_SYNC_G128=4 -DSM90_MASK_SYNC_G256=4
pack build_MA build_MB build_MC
