#!/bin/bash
# Builds the variant trees that bench/wip_sm90/dev_next_s14.sh measures (development machine,
# ~25 s each) and packs them for the device tool's carry.
#   bash bench/wip_sm90/mkvariants_s14.sh && (run dev_next_s14.sh with carry .carry/bins.tar.xz)
# Ran at commit 3f20c90; since M30 build/ itself has build_GDA's descriptors (and more), so the
# A/B's baseline is that commit's build/.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_GDA   -DSM90_DESC_ADD=1
mk build_T64m4 -DSM90_MASK_SYNC_T64=4
mk build_T64m3 -DSM90_MASK_SYNC_T64=3
pack build_GDA build_T64m4 build_T64m3
