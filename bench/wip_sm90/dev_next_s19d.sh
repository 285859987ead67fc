#!/bin/bash
# Prepared in session 18: SM90_WIDE_ALL (build_WA from mkvariants_s19c.sh): every d128 non-causal
# call without a window on 176-key tiles, in every regime (PAIR, per-panel boxes, page runs from
# page 59, the gather), plan checked on the CPU (test_sm90_plan.c), kernels compile-checked. ~3 min.
# 1. build_WA forced sm90 at d128 (random pages, layouts, padded pools: every regime), the gather
#    forced, 64-bit offsets, racecheck and memcheck;
# 2. ncu, build against build_WA, d128 non-causal: contiguous and pages 1 / 3 / 8 / 16 / 48 / 100 /
#    128 / 672, alternated twice. build_WA's paged rows against its own wide contiguous launch are
#    the overheads if adopted; its contiguous row against build's is the tile's net gain
#    (both split their last wave: build_WA's pieces run on the wide tiles, TAIL x W instances);
# 3. interleaved against cuDNN at d128 for both.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t4; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WA/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
S="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128"
env $S PA_TEST_CASES=100 PA_TEST_SEED=1931 timeout 150 build_WA/test_gpu > $T/t_wa.log 2>&1 &
env $S PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1932 timeout 150 build_WA/test_gpu > $T/t_wa_gather.log 2>&1 &
env $S PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1933 timeout 150 build_WA/test_gpu > $T/t_wa_wide.log 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=1934 timeout 150 build_WA/test_gpu > $T/t_wa_auto.log 2>&1 &
env $S PA_TEST_SM90_TAIL=3 PA_TEST_CASES=60 PA_TEST_SEED=1937 timeout 150 build_WA/test_gpu > $T/t_wa_tail.log 2>&1 &
env $S PA_TEST_SM90_TAIL=5 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=40 PA_TEST_SEED=1938 timeout 150 build_WA/test_gpu > $T/t_wa_tailg.log 2>&1 &
env $S PA_TEST_CASES=3 PA_TEST_SEED=1935 timeout 200 compute-sanitizer --tool racecheck build_WA/test_gpu > $T/rc_wa.log 2>&1 &
env $S PA_TEST_CASES=3 PA_TEST_SEED=1936 timeout 200 compute-sanitizer --tool memcheck build_WA/test_gpu > $T/mc_wa.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_wa.log && grep -q " 0 failed" $T/t_wa_gather.log; then
  for pass in 1 2; do
    for v in build build_WA; do
      timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1,3,8,16,48,100,128,672 --causal 0 --out $T/x_${v}_$pass > $T/x_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T x build build_WA | tee -a $O/summary.txt
  cat $T/x_build_WA_1.txt $T/x_build_WA_2.txt | grep -v "^PAGED" | tee -a $O/summary.txt
  for v in build_WA build; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128 --out $T/i_$v > $T/i_$v.txt 2>&1
  done
  grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs_s19d.tgz" * )
echo "total $(el)"
