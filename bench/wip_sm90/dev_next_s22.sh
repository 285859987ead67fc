#!/bin/bash
# Prepared in session 21 (device budget spent): O's rescale between Q K^T and P V (FA3's placement).
# Build with bench/wip_sm90/mkvariants_s22.sh; carry .carry/bins.tar.xz. About 7 min (the whole 10-minute slot if ncu is slow: run the interleaved step in a second call then).
# 1. build_RE tests: forced sm90 at d64 / d128 / d256, the gather forced at d128, the last-wave
#    pieces at d128, automatic; racecheck forced d128;
# 2. ncu A/B, all dims, contiguous and page 8 (TMA) and 1 (gather), causal both: build, build_RE,
#    build_RE2, build_REV, alternated twice;
# 3. contiguous against cuDNN interleaved in one process (bench/interleaved.py) for build,
#    build_RE and build_N192, d128 / d256 / d64.
# build_N192 also gets forced-sm90 d128 tests (with the last-wave pieces), racecheck, memcheck.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t22; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_RE/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
i=0
for d in 64 128 256; do
  i=$((i+1)); PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=$((2500+i)) timeout 150 build_RE/test_gpu > $T/RE_sm90_$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=2505 timeout 150 build_RE/test_gpu > $T/RE_g128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=2506 timeout 150 build_RE/test_gpu > $T/RE_t128.log 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=2507 timeout 150 build_RE/test_gpu > $T/RE_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2508 timeout 200 compute-sanitizer --tool racecheck build_RE/test_gpu > $T/RE_rc128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=2509 timeout 150 build_N192/test_gpu > $T/N192_sm90_128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=2510 timeout 150 build_N192/test_gpu > $T/N192_t128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2511 timeout 200 compute-sanitizer --tool racecheck build_N192/test_gpu > $T/N192_rc128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2512 timeout 200 compute-sanitizer --tool memcheck build_N192/test_gpu > $T/N192_mc128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_RE build_RE2 build_REV build_N192; do
    timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256,64 --pages 1,8 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h build build_RE build_RE2 build_REV build_N192 | tee -a $O/summary.txt
for v in build build_RE build_N192; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,256,64 --out $T/il_$v > $T/il_$v.txt 2>&1
  echo "== $v"; grep -E "TFLOPS" $T/il_$v.txt
done | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s22.tgz" *.txt *.log 2>/dev/null )
echo "total $(el)"
