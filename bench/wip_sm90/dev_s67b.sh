#!/bin/bash
# Session 67: what clusters of 2 CTAs cost by themselves, before any multicast: v_cl
# (-DSM90_CLUSTER_PROBE, host code only, the kernel's SASS unchanged) launches the main grid as
# clusters of 2 along the query blocks. ncu passes of build / v_cl at d64 / d128, both masks,
# contiguous and page 8, while a pass fits before NCU_S (default 100) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67b v_cl/pa-bench
ncu_passes "build v_cl" ${NCU_S:-100} 3 --dims 64,128 --pages 8 --causal both
dev_end logs_s67b
