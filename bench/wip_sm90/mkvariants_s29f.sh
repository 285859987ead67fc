#!/bin/bash
# Session 29, call 6's builds (after `git apply bench/wip_sm90/pbusy.patch`, the ILP form included):
# build_B64 / build_B192 as in call 4 (dependent IMADs a tile in each PAIR issuing warp) and
# build_I64 / build_I192 (the same counts in four independent chains): issue slots or latency?
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_I64 -DSM90_DIAG_PBUSY=64 -DSM90_DIAG_PBUSY_ILP=1 &
mk build_I192 -DSM90_DIAG_PBUSY=192 -DSM90_DIAG_PBUSY_ILP=1 &
wait
[ -x build_B64/pa-bench ] && [ -x build_B192/pa-bench ] || { echo "build_B64 / build_B192 missing: run mkvariants_s29d.sh first"; exit 1; }
pack build_B64 build_B192 build_I64 build_I192
