#!/bin/bash
# Session 20, call 6: where the d64 gather's +14% goes. PC-sampling profiles (SourceCounters,
# WarpStateStats) of the committed build at d64 non-causal, sq 2048 sk 8192: the contiguous launch
# (3 consumer warpgroups, TMA) and the page-1 gather (2 warpgroups), in one ncu run (-c 2). The
# source CSV comes back for bench/wip_sm90/ncu_regions.py (instructions per tile by region) and
# ncu_stalls.py (stall samples by instruction).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t9; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
. bench/wip_sm90/prof_lib.sh
prof d64_p1_c0 build 64 0 1
( cd $T && tar czf "$O/logs.tgz" * )
grep -E "Duration|Executed Ipc A|Issue Slots Busy|No Eligible|Warp Cycles Per Issued|Active Warps" $T/d64_p1_c0_details.txt | head -24
grep -hE "void|samples by" $T/*_stalls.txt | head -20
