#!/bin/bash
# Builds what bench/wip_sm90/dev_s14i.sh measured: the d128/d256 gather at 56/224 registers with
# 2 Q k-steps in registers (build_R1) and without (build_R3). Since M32 the committed default is
# R1's form at d256, so run it with -DSM90_GATHER_PREGS_D256=64 -DSM90_QREG_G256=0 added to
# build/'s flags to reproduce the A/B's baseline.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_R1 -DSM90_GATHER_PREGS_D128=56 -DSM90_QREG_G128=2 -DSM90_GATHER_PREGS_D256=56 -DSM90_QREG_G256=2
mk build_R3 -DSM90_GATHER_PREGS_D128=56 -DSM90_GATHER_PREGS_D256=56
pack build_R1 build_R3
