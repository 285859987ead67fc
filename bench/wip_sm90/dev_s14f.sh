#!/bin/bash
# The integrated final call of session 14 (H200, RESULTS 2.24): dev_s10e.sh with SANITIZE=1
# (tests/sanitize.sh, make test-sanitize's script: memcheck and racecheck, automatic and forced
# sm90 TMA / gather at each head_dim, in the test phase) and COMPARE_S=330; its many output files
# packed into one archive ($OUT/final.tgz) and the summary.
REAL=${OUT:-/tmp/out}; mkdir -p "$REAL"
export OUT=/tmp/o2; mkdir -p $OUT
SANITIZE=1 COMPARE_S=330 bash bench/wip_sm90/dev_s10e.sh 2>&1 | tee $OUT/run.log
( cd $OUT && tar czf "$REAL/final.tgz" . ); cp $OUT/summary.txt "$REAL/"
