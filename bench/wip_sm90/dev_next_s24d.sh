#!/bin/bash
# Session 24, call 4 (carry .carry/bins.tar.xz = build alone, the kernels of M52 + M53, and
# .carry/fi.tar.xz): the record run of M52 + M53.
#   1. tests of build: automatic, the sm90 kernel forced (TMA / gather / pieces) at each head_dim,
#      d256's run pages, tests/sanitize.sh (memcheck + racecheck, few cases);
#   2. bench/vs_flashinfer.py --cudnn (dev_fi.sh VS=1): ours, FlashInfer's fa3 backend and cuDNN
#      interleaved, d128 / d64 / d256 at pages 0, 1, 8, 64, 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24d build/test_gpu
PA_TEST_SEED=4400 timeout 200 build/test_gpu > $T/auto.log 2>&1 &
forced_sm90 "build" 50 4410
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((4420+d)) timeout 150 build/test_gpu > $T/gather_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=50 PA_TEST_SEED=$((4430+d)) timeout 150 build/test_gpu > $T/tail_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=43,51,77,100,127,200,300,1000 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=50 PA_TEST_SEED=4440 timeout 150 build/test_gpu > $T/runs_256.log 2>&1 &
PA_TEST_CASES=4 PA_TEST_FORCED_CASES=2 timeout 260 sh tests/sanitize.sh build > $T/sanitize.log 2>&1 &
wait
test_summary
( cd $T && tar czf "$O/logs_s24d.tgz" *.txt *.log 2>/dev/null )   # before dev_fi.sh's part
left=$(( ${TOTAL_S:-560} - $(date +%s) + t0 ))
OUT=$O VS=1 TOTAL_S=$left VS_RUNS="--cudnn --dims 128 --pages 0,1,8,64,100|--cudnn --dims 64,256 --pages 0,1,8,64,100" \
  bash bench/wip_sm90/dev_fi.sh 2>&1 | grep -v "^  built" | tail -70
echo "total $(el)"
