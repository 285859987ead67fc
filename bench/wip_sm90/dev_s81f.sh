#!/bin/bash
# Session 81, the last call: dev_s81e.sh (M111's tests and d64 rows; its summary kept as
# summary_e.txt), then, if its tests passed, the integrated benchmark of the committed library as
# RESULTS 2.68 ran it (dev_s71b.sh: tests, then dev_s14f.sh PHASE=bench: compare.py with the anchors,
# pa-bench, interleaved contiguous rounds against cuDNN, the paged rows at ncu's locked clocks).
O=${OUT:-/tmp/out}; mkdir -p "$O"
bash bench/wip_sm90/dev_s81e.sh
cp "$O/summary.txt" "$O/summary_e.txt"
if grep -q "tests ok=1" "$O/summary_e.txt"; then
    COMPARE_S=${COMPARE_S:-420} bash bench/wip_sm90/dev_s71b.sh
fi
