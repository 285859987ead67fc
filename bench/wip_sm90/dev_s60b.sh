#!/bin/bash
# Prepared in session 59, not run in session 60 (no machine lent): the integrated benchmark (RESULTS 2.61) of the library as then
# committed (ed9512af = M89 at d128, or M90's default flipped after dev_s60a.sh): dev_s58d.sh's tests
# at head_dim 128 (M89 changed d128's plain instances), then the benchmark with COMPARE_S=450.
# About 300 s with the machine's start; carry .carry, its bins.tar.xz holding build/ alone:
#   tar cJf .carry/bins.tar.xz build/test_gpu build/test_threads build/pa-bench build/libpagedattn.so
HD=128 COMPARE_S=${COMPARE_S:-450} bash "$(dirname "$0")/dev_s58d.sh"
