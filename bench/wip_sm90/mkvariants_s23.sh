#!/bin/bash
# Session 23: build = the new defaults (SM90_WIDE_NOPOS=1, M49 in the d256 gathers with the opaque
# epilogue index); build_OLD = session 22's kernels (both off); build_OV = + SM90_RUNS_OVERLAP=1
# (page runs in at most two boxes a run, overlapping).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_OLD -DSM90_WIDE_NOPOS=0 -DSM90_WG_SHFL_GATHER_D256=0
mk build_OV -DSM90_RUNS_OVERLAP=1
pack build_OLD build_OV
