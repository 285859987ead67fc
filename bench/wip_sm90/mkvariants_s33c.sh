#!/bin/bash
# Session 33, call 3's builds: the d128 gather's consumers made more like the 128-key TMA kernel's
# (session 33's profile, RESULTS 3.2k: same tile shape, +5% consumer instructions, Q's descriptors
# in vector registers moved by R2UR at each of 8 shared-memory k-steps).
#   build_WS: M49 in the d128 gather (SM90_WG_SHFL_GATHER_D128=1; session 23: +0.8..1.4%)
#   build_QD: Q's descriptor alone made uniform (SM90_QDESC_SHFL_G128=1)
#   build_Q4: 56/224 with 4 Q k-steps in registers and M49 (the d256 gather's form)
#   build_Q2: 56/224 with 2 Q k-steps in registers and QD
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_WS -DSM90_WG_SHFL_GATHER_D128=1" "build_QD -DSM90_QDESC_SHFL_G128=1" \
       "build_Q4 -DSM90_GATHER_PREGS_D128=56 -DSM90_QREG_G128=4 -DSM90_WG_SHFL_GATHER_D128=1" \
       "build_Q2 -DSM90_GATHER_PREGS_D128=56 -DSM90_QREG_G128=2 -DSM90_QDESC_SHFL_G128=1"
