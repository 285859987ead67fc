#!/bin/bash
# Prepared in session 15 for the next device call (compile-checked, not run): the gather's deferred
# arrivals (SM90_GATHER_DEFER_D<D>, bit 0 K's warps, bit 1 V's) with a deeper ring where it fits.
# Session 15 (RESULTS 3.1s): deferral +12..14% at d128 and +30..32% at d256 with 2 stages (each
# arrival waits for the next tile's copy issue), -0.4..-0.6% at d64 (3 stages, adopted).
#   build_K3D128 / build_K3D256: K's ring 3 stages in the gather (SM90_KSTAGES_G<D>=3), K's warps defer;
#   build_K3D256b: the same with V's warps deferring too (2 V stages);
#   build_DF3: d128 with 3 stages for K and V (SM90_STAGES_D128=3: its TMA kernels too) and both deferring;
#   build_RS: the softmax's row sums from the tensor core at d128 (SM90_ROWSUM_MMA_D128: P x ones,
#   wgmma m64n8k16 beside each P V k-step; the d128 contiguous SASS: -134 FADD, -67 IMAD.MOV, +16
#   HGMMA.64x8x16; all 6 d128 instances change). Not d64: there ptxas keeps predicates in registers
#   (+131 P2R, +132 ISETP.NE, +143 LOP3 in the contiguous instance).
# Then bench/wip_sm90/dev_next_s16.sh with carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_K3D128 -DSM90_KSTAGES_G128=3 -DSM90_GATHER_DEFER_D128=1
mk build_K3D256 -DSM90_KSTAGES_G256=3 -DSM90_GATHER_DEFER_D256=1
mk build_K3D256b -DSM90_KSTAGES_G256=3 -DSM90_GATHER_DEFER_D256=3
mk build_DF3 -DSM90_STAGES_D128=3 -DSM90_GATHER_DEFER_D128=3
mk build_RS -DSM90_ROWSUM_MMA_D128=1
pack build_K3D128 build_K3D256 build_K3D256b build_DF3 build_RS
