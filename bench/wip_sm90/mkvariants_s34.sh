#!/bin/bash
# Prepared in session 33 (built and packed at its end): V's ring deeper in the d128 gather
# (SM90_VSTAGES_G128; see its comment) or K's (SM90_KSTAGES_G128). build_V3 = K 2 / V 3 stages
# (192 KB), build_K3 = K 3 / V 2 (192 KB), build_KV3 = both 3 (224 KB); arrivals not deferred (M35
# measured 3 stages only with deferred arrivals, M31 before M33..M71). Carry .carry/bins.tar.xz for
# dev_next_s34a.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_V3 -DSM90_VSTAGES_G128=3" "build_KV3 -DSM90_VSTAGES_G128=3 -DSM90_KSTAGES_G128=3" \
       "build_K3 -DSM90_KSTAGES_G128=3"
