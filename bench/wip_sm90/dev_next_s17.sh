#!/bin/bash
# Prepared in session 16, not run. Build first: bash bench/wip_sm90/mkvariants_s17.sh
# Partial rotations at d128 / d64 and the rotated d128 gather (see mkvariants_s17.sh). Predicted:
# if d128 / d64's contiguous non-causal CTAs also wait on memory together (d128's K-full wait
# share was 3..5% in session 14's profiles, d256's 9.5%), a small stagger recovers part of it
# without the L2 reuse the full spread lost (+0.4 / +0.9% in 3.1t). Quick tests of each changed
# path, then ncu at locked clocks alternated twice: contiguous, pages 1 and 8, non-causal only
# (causal calls are not rotated), ~5 min. The R/RG variants rotate paged calls too (SM90_ROTATE_PAGED).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for vd in R128M2:128 R128M4:128 R128M8:128 R64M2:64 R64M4:64; do
  v=${vd%%:*}; d=${vd##*:}
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=40 PA_TEST_SEED=1701 PA_TEST_HEAD_DIM=$d timeout 120 build_$v/test_gpu > $T/t_${v}.log 2>&1 &
done
# the rotated d256 walks through test_gpu's tile-multiple cases (added after session 16's device
# calls): the committed build (contiguous rotated) and build_RP (paged TMA and gather rotated too):
# forced TMA, forced gather, automatic; racecheck of RP's rotated gather
for v in build build_RP; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=20 PA_TEST_SEED=1704 PA_TEST_HEAD_DIM=256 timeout 120 $v/test_gpu > $T/t_tm_${v}_tma_d256.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=20 PA_TEST_SEED=1705 PA_TEST_HEAD_DIM=256 timeout 120 $v/test_gpu > $T/t_tm_${v}_gather_d256.log 2>&1 &
  PA_TEST_CASES=20 PA_TEST_SEED=1706 timeout 120 $v/test_gpu > $T/t_tm_${v}_auto.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=2 PA_TEST_SEED=1707 PA_TEST_HEAD_DIM=256 timeout 150 compute-sanitizer --tool racecheck build_RP/test_gpu > $T/rc_RP_gather_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1702 PA_TEST_HEAD_DIM=128 timeout 120 build_RG128/test_gpu > $T/t_RG128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1703 PA_TEST_HEAD_DIM=128 timeout 120 compute-sanitizer --tool racecheck build_RG128/test_gpu > $T/rc_RG128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_R128M2 build_R128M4 build_R128M8 build_RG128; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1,8 --causal 0 --out $T/a_${v}_$pass > $T/a_${v}_$pass.txt 2>&1
  done
  for v in build build_R64M2 build_R64M4; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 1,8 --causal 0 --out $T/b_${v}_$pass > $T/b_${v}_$pass.txt 2>&1
  done
  echo "pass $pass $(el)" | tee -a $O/summary.txt
done
for pass in 1 2; do
  for v in build build_RP; do
    timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256 --pages 1,8,16,100 --causal 0 --out $T/c_${v}_$pass > $T/c_${v}_$pass.txt 2>&1
  done
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T c build build_RP | tee -a $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T a build build_R128M2 build_R128M4 build_R128M8 build_RG128 | tee -a $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T b build build_R64M2 build_R64M4 | tee -a $O/summary.txt
echo "total $(el)"
