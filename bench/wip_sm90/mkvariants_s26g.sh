#!/bin/bash
# Session 26 (development machine): the d256 gather's older choices again on top of M58 (its copies
# now paced): build_PF0 = SM90_GATHER_PFENCE_D256=0 (copies complete on the stage's mbarrier, the
# consumers fence), build_LL1 = SM90_GATHER_LATE_LOOKUP_D256=1 (the next tile's lookups after the
# copies), build_BF1 = SM90_GATHER_BRANCHFREE_D256=1 (branch-free lookups).
. "$(dirname "$0")/mkvariant_lib.sh"
mk_two "build_PF0 -DSM90_GATHER_PFENCE_D256=0" \
       "build_LL1 -DSM90_GATHER_LATE_LOOKUP_D256=1" \
       "build_BF1 -DSM90_GATHER_BRANCHFREE_D256=1"
