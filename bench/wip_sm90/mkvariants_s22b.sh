#!/bin/bash
# Session 22: the consumers' per-tile bookkeeping (SM90_DIET_*; RESULTS 3.1z's instruction counts
# against FA3). build_DS = DESC + STAGE (every kernel), build_DR = + RANGE, build_DI = + RANGE + ANY
# (RANGE / ANY not in the 176-key kernels, which spill with them). All spill-free. Built from the
# source before M48 made RANGE per head_dim (SM90_DIET_RANGE_D<D>): -DSM90_DIET_RANGE=1 is that form;
# DESC and STAGE have since become the only code (their knobs are gone).
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_DS -DSM90_DIET_DESC=1 -DSM90_DIET_STAGE=1
mk build_DR -DSM90_DIET_DESC=1 -DSM90_DIET_STAGE=1 -DSM90_DIET_RANGE=1
mk build_DI -DSM90_DIET_DESC=1 -DSM90_DIET_STAGE=1 -DSM90_DIET_RANGE=1 -DSM90_DIET_ANY=1
pack build_DS build_DR build_DI
xz -d .carry/bins.tar.xz && tar rf .carry/bins.tar build_DS/libpagedattn.so build_DR/libpagedattn.so build_DI/libpagedattn.so && xz -T0 .carry/bins.tar && ls -la .carry/bins.tar.xz
