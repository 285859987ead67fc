#!/bin/bash
# Session 12's integrated run: dev_s10e.sh (tests, sanitizers, compare.py with anchors and pa_ncu,
# power.py) over the committed build, everything it writes packed into one archive (the device
# tool brings back at most 8 files).
REAL=${OUT:-/tmp/out}; mkdir -p "$REAL"
export OUT=/tmp/o2; mkdir -p $OUT
COMPARE_S=330 bash bench/wip_sm90/dev_s10e.sh 2>&1 | tee $OUT/run.log
( cd $OUT && tar czf "$REAL/final.tgz" . )
cp $OUT/summary.txt "$REAL/" 2>/dev/null
