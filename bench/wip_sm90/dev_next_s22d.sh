#!/bin/bash
# Session 22, call 5 (carry .carry/bins.tar.xz from mkvariants_s22d.sh and .carry/fi.tar.xz):
#   1. tests of build (M49): automatic, the sm90 kernel forced (TMA / gather) at d128 and d256, its
#      last-wave pieces, racecheck and memcheck at d128 / d256;
#   2. ncu A/B build / build_M48 at d128 and d256, contiguous + pages 1 / 8, causal both, twice;
#   3. bench/vs_flashinfer.py --cudnn (dev_fi.sh VS=1): ours (build), FlashInfer's fa3 backend and
#      cuDNN interleaved, d128 / d64 / d256 at pages 0, 1, 8, 64, 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t22d build_M48/pa-bench
timeout 200 build/test_gpu > $T/auto.log 2>&1 &
i=0
for d in 128 256; do
  i=$((i+1))
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2800+i)) timeout 150 build/test_gpu > $T/sm90_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2810+i)) timeout 150 build/test_gpu > $T/tail_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 PA_TEST_SEED=$((2820+i)) timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 PA_TEST_SEED=$((2830+i)) timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_$d.log 2>&1 &
done
wait
test_summary
B="build build_M48"
ncu_ab "$B" --dims 128,256 --pages 1,8 --causal both
( cd $T && tar czf "$O/logs_s22d.tgz" *.txt *.log 2>/dev/null )   # before dev_fi.sh's part
left=$(( ${TOTAL_S:-560} - $(date +%s) + t0 ))
OUT=$O VS=1 TOTAL_S=$left VS_RUNS="--cudnn --dims 128 --pages 0,1,8,64,100|--cudnn --dims 64,256 --pages 0,1,8,64,100" \
  bash bench/wip_sm90/dev_fi.sh 2>&1 | grep -v "^  built" | tail -70
echo "total $(el)"
