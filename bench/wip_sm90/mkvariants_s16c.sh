#!/bin/bash
# Session 16: L2 prefetch ahead of the loads (SM90_L2PF_T<D>, SM90_L2PF_G<D>; rejected, now outside
# the source: git apply bench/wip_sm90/l2pf.patch first).
#   build_PFT1 / build_PFT2: the TMA kernels on a contiguous cache prefetch tile it + 1 / it + 2;
#   build_PFG: the gather prefetches the next tile's rows once their page ids are known.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PFT1 -DSM90_L2PF_T64=1 -DSM90_L2PF_T128=1 -DSM90_L2PF_T256=1
mk build_PFT2 -DSM90_L2PF_T64=2 -DSM90_L2PF_T128=2 -DSM90_L2PF_T256=2
mk build_PFG -DSM90_L2PF_G64=1 -DSM90_L2PF_G128=1 -DSM90_L2PF_G256=1
pack build_PFT1 build_PFT2 build_PFG
