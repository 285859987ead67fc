#!/bin/bash
# Session 20, call 8: the d64 gather on 3 consumer warpgroups without spills. M42's build_WG3G32
# spilled in its consumers (LDL at the masked / unmasked join, every tile; 3.1x's profile); with
# the mask words read by every thread (SM90_MASK_SYNC_G64=1, as the d64 TMA kernels) the 3-warpgroup
# gather compiles at 32/160 with no local memory at all. build_GA: that; build_GB: plus the next
# tile's lookups after the copies (SM90_GATHER_LATE_LOOKUP_D64=1; M33 did it for d128).
# 1. tests of both (gather forced at d64, 64-bit offsets, automatic), racecheck and memcheck of the
#    forced gather; 2. ncu, build / build_GA / build_GB, d64 contiguous and pages 1 / 3 / 4, causal
#    both, alternated twice. The bar: pages 1-4 within 8% of the contiguous launch.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t11; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_GB/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=64"
for v in build_GA build_GB; do
  env $G PA_TEST_CASES=80 PA_TEST_SEED=2301 timeout 150 $v/test_gpu > $T/${v}_g.log 2>&1 &
  env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=32 PA_TEST_SEED=2302 timeout 150 $v/test_gpu > $T/${v}_gwide.log 2>&1 &
  PA_TEST_CASES=80 PA_TEST_SEED=2303 timeout 150 $v/test_gpu > $T/${v}_auto.log 2>&1 &
  env $G PA_TEST_CASES=3 PA_TEST_SEED=2304 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/${v}_rc.log 2>&1 &
  env $G PA_TEST_CASES=3 PA_TEST_SEED=2305 timeout 200 compute-sanitizer --tool memcheck $v/test_gpu > $T/${v}_mc.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_GA build_GB; do
    timeout 80 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 1,3,4 --causal both --out $T/h_${v}_$pass > $T/h_${v}_$pass.txt 2>&1
  done
  echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
done
python3 bench/wip_sm90/ab_table.py $T h build build_GA build_GB | tee -a $O/summary.txt
for v in build_GA build_GB; do echo "== $v"; grep -E "^ +64" $T/h_${v}_1.txt; done | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs_s20f.tgz" * )
echo "total $(el)"
