#!/bin/bash
# Session 13's integrated run: racecheck of every sm90 instance kind (forced TMA and forced gather
# at three head dims), then dev_s10e.sh (tests, sanitizers, compare.py with anchors and pa_ncu,
# power.py) over the committed build, everything packed into one archive.
REAL=${OUT:-/tmp/out}; mkdir -p "$REAL"
export OUT=/tmp/o2; mkdir -p $OUT /tmp/rc
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1301 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build/test_gpu > /tmp/rc/racecheck_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build/test_gpu > /tmp/rc/racecheck_gather_d$d.log 2>&1 &
done
wait
for f in /tmp/rc/*.log; do echo "$(basename $f .log): $(grep -E 'RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)"; done | tee $OUT/racecheck.txt
( cd /tmp/rc && tar czf $OUT/racecheck.tgz *.log )
COMPARE_S=330 bash bench/wip_sm90/dev_s10e.sh 2>&1 | tee $OUT/run.log
( cd $OUT && tar czf "$REAL/final.tgz" . )
cp $OUT/summary.txt $OUT/racecheck.txt "$REAL/" 2>/dev/null
