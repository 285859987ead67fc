#!/bin/bash
# Prepared in session 15, not run (device time spent). Build first: bash bench/wip_sm90/mkvariants_s16.sh
#   The gather's deferred arrivals with a deeper ring (see mkvariants_s16.sh): build_K3D128,
#   build_K3D256 (K's ring 3 stages, K's warps defer), build_K3D256b (V's warps defer too, 2 V
#   stages), build_DF3 (d128 with 3 stages for K and V, both defer; its TMA kernels get 3 stages).
#   Predicted: with tile j+1's K stage released a tile before tile j is needed, each warp keeps two
#   tiles of copies in flight without delaying an arrival; the gather's per-tile extra (the copies'
#   latency in every warp's tile period) shrinks: d128 / d256 pages 1-4 a few points.
#   Racecheck, memcheck and tests (32- and 64-bit offsets) of each changed instance, then ncu at
#   locked clocks alternated twice, pages 1 and 4, causal both; build_RS (row sums by the tensor
#   core, every d128 instance): tests, racecheck, memcheck, ncu contiguous and pages
#   1 / 8 / 100 alternated twice (~5.5 min in all).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for vd in K3D128:128 K3D256:256 K3D256b:256 DF3:128; do
  v=${vd%%:*}; d=${vd##*:}
  env $G PA_TEST_CASES=3 PA_TEST_SEED=1601 PA_TEST_HEAD_DIM=$d timeout 150 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
  env $G PA_TEST_CASES=4 PA_TEST_SEED=1602 PA_TEST_HEAD_DIM=$d timeout 150 compute-sanitizer --tool memcheck build_$v/test_gpu > $T/mc_${v}_gather_d$d.log 2>&1 &
  env $G PA_TEST_CASES=80 PA_TEST_SEED=1603 PA_TEST_HEAD_DIM=$d timeout 150 build_$v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
  env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1604 PA_TEST_HEAD_DIM=$d timeout 150 build_$v/test_gpu > $T/t_${v}_gather_wide_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1605 PA_TEST_HEAD_DIM=128 timeout 150 build_DF3/test_gpu > $T/t_DF3_tma_d128.log 2>&1 &
wait
# build_RS changes every d128 instance: automatic choice, forced TMA and forced gather
PA_TEST_CASES=100 PA_TEST_SEED=1606 timeout 150 build_RS/test_gpu > $T/t_RS_auto.log 2>&1 &
for d in 128; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=80 PA_TEST_SEED=1607 PA_TEST_HEAD_DIM=$d timeout 150 build_RS/test_gpu > $T/t_RS_tma_d$d.log 2>&1 &
  env $G PA_TEST_CASES=80 PA_TEST_SEED=1608 PA_TEST_HEAD_DIM=$d timeout 150 build_RS/test_gpu > $T/t_RS_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1609 PA_TEST_HEAD_DIM=$d timeout 150 compute-sanitizer --tool racecheck build_RS/test_gpu > $T/rc_RS_tma_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=4 PA_TEST_SEED=1610 PA_TEST_HEAD_DIM=128 timeout 150 compute-sanitizer --tool memcheck build_RS/test_gpu > $T/mc_RS_tma_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for vd in build:256,128 build_K3D128:128 build_DF3:128 build_K3D256:256 build_K3D256b:256; do
    v=${vd%%:*}; d=${vd##*:}
    timeout 120 python3 bench/pa_ncu.py --pa $v/pa-bench --dims $d --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
for pass in 1 2; do
  for v in build build_RS; do
    timeout 150 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128 --pages 1,8,100 --causal both --out $T/r_${v}_$pass > $T/r_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
# d256 causal page 1 reads +13% at ncu's locked clocks and flushed L2, +7% non-causal (2.25), while
# per-CTA traces at boost clocks put both at +10..11% a tile (3.1s): the same rows under ncu with
# clocks unlocked and no flush, twice
for pass in 1 2; do
  timeout 60 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256,128 --pages 1 --causal both \
    --ncu-extra "--clock-control none --cache-control none" --out $T/u_$pass > $T/u_$pass.txt 2>&1
done
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_K3D128 build_DF3 build_K3D256 build_K3D256b | tee -a $O/summary.txt
python3 bench/wip_sm90/ab_table.py $T r build build_RS | tee -a $O/summary.txt
grep -hE "^ *(128|256) " $T/u_1.txt $T/u_2.txt | tee -a $O/summary.txt
echo "total $(el)"
