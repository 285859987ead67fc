#!/bin/bash
# Session 25, call 4: build = M54 (M55 rejected, removed); build_K3G = K's ring 3 stages deep in the
# d128 and d256 gathers (SM90_KSTAGES_G128 / _G256 = 3; M31 measured -0.3..+1.5% in session 14,
# before M32..M50), build_S4 = the d64 gather with 4 stages (SM90_STAGES_D64_GATHER=4).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_K3G -DSM90_KSTAGES_G256=3   # (d128 with 3: its 176-key twin would exceed 227 KB; M35 +1.9..2.8% there)

pack build_K3G build_S4
