#!/bin/bash
# Session 22, call 5 (carry .carry/bins.tar.xz from mkvariants_s22d.sh and .carry/fi.tar.xz):
#   1. tests of build (M49): automatic, the sm90 kernel forced (TMA / gather) at d128 and d256, its
#      last-wave pieces, racecheck and memcheck at d128 / d256;
#   2. ncu A/B build / build_M48 at d128 and d256, contiguous + pages 1 / 8, causal both, twice;
#   3. bench/vs_flashinfer.py --cudnn (dev_fi.sh VS=1): ours (build), FlashInfer's fa3 backend and
#      cuDNN interleaved, d128 / d64 / d256 at pages 0, 1, 8, 64, 100.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t22d; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_M48/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
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
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
B="build build_M48"
for pass in 1 2; do
  for v in $B; do
    timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256 --pages 1,8 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h $B | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s22d.tgz" *.txt *.log 2>/dev/null )
left=$(( ${TOTAL_S:-560} - $(date +%s) + t0 ))
OUT=$O VS=1 TOTAL_S=$left VS_RUNS="--cudnn --dims 128 --pages 0,1,8,64,100|--cudnn --dims 64,256 --pages 0,1,8,64,100" \
  bash bench/wip_sm90/dev_fi.sh 2>&1 | grep -v "^  built" | tail -70
echo "total $(el)"
