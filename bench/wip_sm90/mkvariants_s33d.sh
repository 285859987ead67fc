#!/bin/bash
# Session 33, call 4's builds: the library with M71 (SM90_QDESC_SHFL_G128=1) and build_QW = the same
# for the 176-key kernels (SM90_QDESC_SHFL_W=1: their Q k-steps all read shared memory too, KQ = 0).
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_QW -DSM90_QDESC_SHFL_W=1"
