#!/bin/bash
# Session 65: dev_s65a.sh (M94's A/B, ROUNDS default 2 here), its summary kept as ab_summary.txt,
# then the integrated benchmark of the tree (dev_s58d.sh's tests at head_dim 128 and dev_s14f.sh
# PHASE=bench; RESULTS 2.62). About 360 s; carry .carry (bins.tar.xz of build/).
ROUNDS=${ROUNDS:-2} bash "$(dirname "$0")/dev_s65a.sh"
mv "${OUT:-/tmp/out}/summary.txt" "${OUT:-/tmp/out}/ab_summary.txt"
HD=128 COMPARE_S=${COMPARE_S:-400} bash "$(dirname "$0")/dev_s58d.sh"
