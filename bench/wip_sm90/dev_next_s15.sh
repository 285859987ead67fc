#!/bin/bash
# Prepared in session 14, not run (device time spent). Build first: bash bench/wip_sm90/mkvariants_s15.sh
#   build_KV4 / build_KV4P: all four producer warps copy K and then V in the gather
#   (SM90_GATHER_KV4_D<D> = 1 / 2: copies tracked by the mbarriers and a consumer fence / the
#   copying threads wait, fence and arrive), one page-table lookup for both. 3.1r: d256's gather consumers wait on K's full barrier for
#   8.5..9% of their samples (contiguous 2..4%); with K's copies over 4 warps K lands after a
#   quarter of the producer's copies. Predicted: d256 pages 1..4 2..4 points lower, d128 0..2,
#   d64 unknown (its 3-stage ring already hides more); the consumers fence again (as PFENCE 0,
#   +1% at d128/d256 in 3.1r), which the gain must pay for.
#   Racecheck, memcheck and tests (32- and 64-bit offsets) of the new loop, ncu at locked clocks
#   alternated twice, then a source-level profile of d256 causal page 1 with KV4 (~4.5 min).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
for v in KV4 KV4P; do
  for d in 64 128 256; do
    env $G PA_TEST_CASES=3 PA_TEST_SEED=1501 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_$v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 &
    env $G PA_TEST_CASES=80 PA_TEST_SEED=1502 PA_TEST_HEAD_DIM=$d timeout 200 build_$v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
  done
  env $G PA_TEST_SM90_WIDE=1 PA_TEST_CASES=40 PA_TEST_SEED=1503 PA_TEST_HEAD_DIM=256 timeout 200 build_$v/test_gpu > $T/t_${v}_gather_wide_d256.log 2>&1 &
  env $G PA_TEST_CASES=4 PA_TEST_SEED=1504 PA_TEST_HEAD_DIM=256 timeout 200 compute-sanitizer --tool memcheck build_$v/test_gpu > $T/mc_${v}_gather_d256.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_KV4 build_KV4P; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256,128,64 --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
n=prof_KV4_d256_c1_p1
timeout 120 ncu --set full --import-source yes -k regex:prefill_kernel -c 2 -o $T/$n build_KV4/pa-bench --prefill-only \
  --dims 256 --causal 1 --pages 1 --warmup 0 --iters 1 --no-check > $T/${n}_run.txt 2>&1
ncu -i $T/$n.ncu-rep --page source --csv --print-source sass > $T/${n}_source.csv 2>&1
rm -f $T/$n.ncu-rep
python3 bench/wip_sm90/ncu_stalls.py $T/${n}_source.csv --top 8 --all > $T/${n}_stalls.txt 2>&1
echo "profile $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" --exclude '*_source.csv' * )
python3 bench/wip_sm90/ab_table.py $T g build build_KV4 build_KV4P | tee -a $O/summary.txt
head -30 $T/${n}_stalls.txt
echo "total $(el)"
