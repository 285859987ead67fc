#!/bin/bash
# Session 87's second call (~450 s): what 3.5za left and RESULTS 4 lists.
# 1. memcheck through M117's groups (3.5za's memcheck at a 1 MB limit split no call): forced sm90
#    d128 / d256, the copy and the split forced, copy limits of 300 kB and 100 kB, 6 cases each
#    (short sequences), each log's "ran as groups" count must be nonzero.
# 2. dev_s85b.sh (TARGETS.md's 65536 / 2048 shapes, contiguous against cuDNN interleaved and paged
#    rows) on an H100: 3.5y ran it on an H200 only. LIMIT (default 420) skips its d64 / d256 rows.
O=${OUT:-/tmp/out}; mkdir -p "$O"
[ -e build/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
. "$(dirname "$0")/dev_lib.sh"
split_memcheck "$O" 150
LIMIT=${LIMIT:-420} bash bench/wip_sm90/dev_s85b.sh > "$O/s85b.txt" 2>&1
tail -45 "$O/summary.txt"
