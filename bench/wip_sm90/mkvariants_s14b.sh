#!/bin/bash
# Builds what bench/wip_sm90/dev_s14b.sh measured: the gather's proxy fence in the copying threads
# at every head_dim (build_PF1). The A/B ran before M30(b) became the default (d128 and d256), so
# its baseline is now -DSM90_GATHER_PFENCE_D128=0 -DSM90_GATHER_PFENCE_D256=0 (build_PF0).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_PF0 -DSM90_GATHER_PFENCE_D128=0 -DSM90_GATHER_PFENCE_D256=0 -DSM90_GATHER_PREGS_D256=64 -DSM90_QREG_G256=0
mk build_PF1 -DSM90_GATHER_PFENCE_D64=1 -DSM90_GATHER_PREGS_D256=64 -DSM90_QREG_G256=0
pack build_PF0 build_PF1
