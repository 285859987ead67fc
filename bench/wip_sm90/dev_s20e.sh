#!/bin/bash
# Session 20, call 7: why M42's 3-warpgroup d64 gather (build_WG3G32) gained only 1.1..1.6%: the
# same PC-sampling profile as dev_s20d.sh (contiguous and page-1 gather, d64 non-causal, sq 2048
# sk 8192), for build_WG3G32, and its page-1 gather against build's once more.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t10; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WG3G32/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
. bench/wip_sm90/prof_lib.sh
prof wg3g32_p1_c0 build_WG3G32 64 0 1
( cd $T && tar czf "$O/logs.tgz" * )
grep -E "sm90_prefill|Duration" $T/*_details.txt | head
grep -hE "void|samples by" $T/*_stalls.txt | head -20
