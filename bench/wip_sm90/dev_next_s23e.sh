#!/bin/bash
# Session 23, call 5 (carry .carry/bins.tar.xz = build alone, commit 39718ed's kernels, and
# .carry/fi.tar.xz): the record run of M50 + M51.
#   1. tests of build: automatic, the sm90 kernel forced (TMA / gather / pieces) at each head_dim,
#      d256's run pages, tests/sanitize.sh (memcheck + racecheck, few cases);
#   2. bench/vs_flashinfer.py --cudnn (dev_fi.sh VS=1): ours, FlashInfer's fa3 backend and cuDNN
#      interleaved, d128 / d64 / d256 at pages 0, 1, 8, 64, 100.
# REC_DIR / REC_SEED / REC_LOGS (defaults: session 23's /tmp/t23e, 3200, logs_s23e) let a later
# session's record run reuse it (dev_next_s24d.sh).
. "$(dirname "$0")/dev_lib.sh"
S0=${REC_SEED:-3200}
dev_begin ${REC_DIR:-/tmp/t23e} build/test_gpu
PA_TEST_SEED=$S0 timeout 200 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 50 $((S0 + 10))
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((S0 + 20 + d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((S0 + 30 + d)) timeout 150 build/test_gpu > $T/tail_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200,300,1000 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=50 PA_TEST_SEED=$((S0 + 40)) timeout 150 build/test_gpu > $T/runs_256.log 2>&1 &
PA_TEST_CASES=4 PA_TEST_FORCED_CASES=2 timeout 260 sh tests/sanitize.sh build > $T/sanitize.log 2>&1 &
wait
test_summary
( cd $T && tar czf "$O/${REC_LOGS:-logs_s23e}.tgz" *.txt *.log 2>/dev/null )   # before dev_fi.sh's part
left=$(( ${TOTAL_S:-560} - $(date +%s) + t0 ))
OUT=$O VS=1 TOTAL_S=$left VS_RUNS="--cudnn --dims 128 --pages 0,1,8,64,100|--cudnn --dims 64,256 --pages 0,1,8,64,100" \
  bash bench/wip_sm90/dev_fi.sh 2>&1 | grep -v "^  built" | tail -70
echo "total $(el)"
