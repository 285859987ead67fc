#!/bin/bash
# Session 33, call 5's builds, for d128 causal page 100 (page runs on 128-key tiles; +3.8..4.8%):
#   build_RO:  page runs in at most two overlapping boxes at d128 too (SM90_RUNS_OVERLAP_D128=1;
#              session 23, before M64 / M65: +0.3..1.6%)
#   build_AW2: M65 in d128's plain-layout TMA instances (SM90_PROD_ALLWAIT_D128=2, d256's form;
#              session 30 measured only 1 = every instance at d128)
#   build_AWW: AW2 plus M68's warp-vote exit (SM90_PROD_WAITWARP_D128=1), d256's full form
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_RO -DSM90_RUNS_OVERLAP_D128=1" "build_AW2 -DSM90_PROD_ALLWAIT_D128=2" \
       "build_AWW -DSM90_PROD_ALLWAIT_D128=2 -DSM90_PROD_WAITWARP_D128=1"
