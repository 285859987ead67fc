#!/bin/bash
# Builds what bench/wip_sm90/dev_s14h.sh measures: build_K3, a third K stage (K ring 3, V ring 2)
# in the d128 and d256 kernels (TMA and gather), against the committed build/. Needs
# bench/wip_sm90/kstages.patch applied first (M31, rejected and reverted).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_K3 -DSM90_KSTAGES_D128=3 -DSM90_KSTAGES_D128_GATHER=3 -DSM90_KSTAGES_D256=3 -DSM90_KSTAGES_D256_GATHER=3
pack build_K3
