#!/bin/bash
# Session 21, for session 22 (compile-checked here: no local memory, SASS has the 64 FMULs of O's
# rescale between the Q K^T and P V HGMMAs of the d128 wide kernel): FlashAttention 3's placement
# of O's rescale (SM90_RESCALE_EARLY_D<D>).
#   build_RE:   every head_dim;
#   build_RE2:  d128 and d256 only (d64's three warpgroups keep theirs);
#   build_REV:  every head_dim, and V's full wait after Q K^T's issue (SM90_VWAIT_LATE=1);
#   build_N192: d128 non-causal on 192-key tiles (SM90_WIDE_N=192, FlashInfer's FA3 shape) at
#               24/240 registers: its consumers are spill-free, its TMA producers spill 4..40
#               bytes (8 local loads a tile in the producer's loop; measurement only);
#   build_TW:   the TMA producer as two warps (K, V; SM90_TMA_TWO_WARPS=1), the other two exit;
#   build_FA:   N192 + TW + RE at d128 (FA3's tile, producer and rescale order together; spills
#               in the producer as N192).
# ~3 min on 2 cores. Then bash bench/wip_sm90/dev_next_s22.sh with carry .carry/bins.tar.xz.
# (Measured in session 22, 3.1z. RE / RE2 / REV now need bench/wip_sm90/rescale_early.patch applied.)
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_RE -DSM90_RESCALE_EARLY_D64=1 -DSM90_RESCALE_EARLY_D128=1 -DSM90_RESCALE_EARLY_D256=1
mk build_RE2 -DSM90_RESCALE_EARLY_D128=1 -DSM90_RESCALE_EARLY_D256=1
mk build_REV -DSM90_RESCALE_EARLY_D64=1 -DSM90_RESCALE_EARLY_D128=1 -DSM90_RESCALE_EARLY_D256=1 -DSM90_VWAIT_LATE=1
ALLOW_SPILLS=1 mk build_N192 -DSM90_WIDE_N=192
mk build_TW -DSM90_TMA_TWO_WARPS=1
ALLOW_SPILLS=1 mk build_FA -DSM90_WIDE_N=192 -DSM90_TMA_TWO_WARPS=1 -DSM90_RESCALE_EARLY_D128=1
pack build_RE build_RE2 build_REV build_N192 build_TW build_FA
xz -d .carry/bins.tar.xz && tar rf .carry/bins.tar build_RE/libpagedattn.so build_RE2/libpagedattn.so build_REV/libpagedattn.so build_N192/libpagedattn.so build_TW/libpagedattn.so build_FA/libpagedattn.so && xz -T0 .carry/bins.tar && ls -la .carry/bins.tar.xz
