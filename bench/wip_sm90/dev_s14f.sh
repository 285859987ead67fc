#!/bin/bash
# The integrated final call of session 14 (H200, RESULTS 2.24): dev_s10e.sh with SANITIZE=1
# (tests/sanitize.sh, make test-sanitize's script: memcheck and racecheck, automatic and forced
# sm90 TMA / gather at each head_dim, in the test phase) and COMPARE_S=330; its many output files
# packed into one archive ($OUT/final.tgz) and the summary.
REAL=${OUT:-/tmp/out}; mkdir -p "$REAL"
export OUT=/tmp/o2; rm -rf $OUT; mkdir -p $OUT   # (a reused machine kept an older call's files here)
# PHASE=bench (session 19): compare.py alone gets 450 s (2.30's bench call lost its ncu step at 330 s)
CS=330; [ "${PHASE:-all}" = bench ] && CS=450
SANITIZE=${SANITIZE:-1} COMPARE_S=${COMPARE_S:-$CS} bash bench/wip_sm90/dev_s10e.sh 2>&1 | tee $OUT/run.log
( cd $OUT && tar czf "$REAL/final.tgz" . ); cp $OUT/summary.txt "$REAL/"
