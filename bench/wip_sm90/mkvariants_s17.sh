#!/bin/bash
# (SM90_ROTATE_MOD is no longer in the kernel: patch -p1 < bench/wip_sm90/rotmod_waithint.patch first.)
# Prepared in session 16 for the next device call (compile-checked, not run: device time spent).
# M36 rotated d256's non-causal key walks (each CTA starts at m_block x tiles / m_blocks): d256
# -6.9%, but d128 +0.4%, d64 +0.9% with that full spread. Here smaller staggers at d128 / d64
# (SM90_ROTATE_MOD = N: offset (m_block % N) x tiles / N, so neighbouring CTAs still share tiles
# in L2 while the N groups spread), and the d128 gather rotated too.
#   build_R128M2 / M4 / M8: the d128 TMA kernels with N = 2 / 4 / 8 (d256 also takes N there);
#   build_R64M2 / M4: the d64 TMA kernels with N = 2 / 4;
#   build_RG128: the d128 gather rotated with the full spread (SM90_ROTATE_G128=1).
# Then bench/wip_sm90/dev_next_s17.sh with carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
#   build_RP: paged calls rotate too (SM90_ROTATE_PAGED=1) and the d256 gather (SM90_ROTATE_G256=1):
#   session 16's ROTG, measured (3.1t) but not yet checked against the reference.
mk build_RP -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_G256=1
mk build_R128M2 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_T128=1 -DSM90_ROTATE_MOD=2
mk build_R128M4 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_T128=1 -DSM90_ROTATE_MOD=4
mk build_R128M8 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_T128=1 -DSM90_ROTATE_MOD=8
mk build_R64M2 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_T64=1 -DSM90_ROTATE_MOD=2
mk build_R64M4 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_T64=1 -DSM90_ROTATE_MOD=4
mk build_RG128 -DSM90_ROTATE_PAGED=1 -DSM90_ROTATE_G128=1
pack build_RP build_R128M2 build_R128M4 build_R128M8 build_R64M2 build_R64M4 build_RG128
