#!/bin/bash
# Builds the variant trees that bench/wip_sm90/dev_next_s13.sh measures (development machine, ~25 s
# each), from the committed build/ tree, then packs them for the device tool's carry.
# (Session 13: SM90_PV_SS and SM90_TREE_MAX were removed after this ran; apply bench/wip_sm90/pv_ss_tree_max.patch to build those variants again.)
#   bash bench/wip_sm90/mkvariants_s13.sh && (run dev_next_s13.sh with carry .carry/bins.tar.xz)
set -e
cd "$(dirname "$0")/../.."
make -j2 all build/test_gpu build/pa-bench > /dev/null
mk() { v=$1; shift; rm -rf $v && cp -r build $v && rm -f $v/src/cuda/prefill_sm90.o $v/pa-bench $v/libpagedattn.a \
       $v/libpagedattn.so $v/pagedattn_all.o $v/test_gpu && make -j2 BUILD=$v NVEXTRA="$*" $v/pa-bench $v/test_gpu $v/libpagedattn.so 2>&1 | { grep -E "warning|error" || true; }; echo "$v: $*"; }
mk build_AA  -DSM90_ALL_ARRIVE=1
mk build_SS  -DSM90_PV_SS_D128=1 -DSM90_PV_SS_D64=1
mk build_SSL -DSM90_PV_SS_D128=1 -DSM90_PV_SS_D64=1 -DSM90_PV_LATE_D128=1 -DSM90_PV_LATE_D64=1
mk build_TM  -DSM90_TREE_MAX=1
mkdir -p .carry
tar cJf .carry/bins.tar.xz build/test_gpu build/libpagedattn.so build_AA/test_gpu \
    build_SS/test_gpu build_SS/libpagedattn.so build_SSL/test_gpu build_SSL/libpagedattn.so build_TM/test_gpu build_TM/libpagedattn.so
ls -la .carry/bins.tar.xz
