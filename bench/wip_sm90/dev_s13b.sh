#!/bin/bash
# Session 13, call 2: the gather's racecheck fix (lane 0 reads the mask words and shares them; no
# first-tile V zeroing in the gather, whose cp.async zero-fills those rows) and SM90_QREG_D256=4 as
# the default, against the committed kernels (build_OLD). Binaries built here, carried in
# .carry/bins2.tar.xz. Then a source-level ncu profile of the page-1 d128 gather against the
# contiguous kernel (where the consumers and producers stall).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins2.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 128 64 256; do for sd in 1222 1240; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=$sd PA_TEST_HEAD_DIM=$d timeout 200 \
    compute-sanitizer --tool racecheck build/test_gpu > $T/rc_gather_d${d}_s$sd.log 2>&1 &
done; done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1241 PA_TEST_HEAD_DIM=256 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_sm90_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1242 PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_sm90_d64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=6 PA_TEST_SEED=1243 PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool memcheck build/test_gpu > $T/mc_gather_d128.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=100 PA_TEST_SEED=1250 PA_TEST_HEAD_DIM=$d timeout 200 build/test_gpu > $T/t_gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=100 PA_TEST_SEED=1251 PA_TEST_HEAD_DIM=256 timeout 200 build/test_gpu > $T/t_sm90_d256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_SM90_WIDE=1 PA_TEST_CASES=60 PA_TEST_SEED=1252 PA_TEST_HEAD_DIM=128 timeout 200 build/test_gpu > $T/t_wide_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1) $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do for v in build_OLD build; do
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,4 --causal both --out $T/ncu_${v}_$pass > $T/pncu_${v}_$pass.txt 2>&1
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256 --pages 16 --causal both --out $T/ncu256_${v}_$pass > $T/pncu256_${v}_$pass.txt 2>&1
done; done
echo "ncu A/B $(el)" | tee -a $O/summary.txt
timeout 240 ncu --set full --import-source yes -k regex:prefill_kernel -c 2 -o $T/prof build/pa-bench --prefill-only --dims 128 \
  --causal 0 --pages 1 --warmup 0 --iters 1 --no-check > $T/prof_run.txt 2>&1
ncu -i $T/prof.ncu-rep --page source --csv --print-source sass > $T/prof_source.csv 2> $T/prof_source.err
ncu -i $T/prof.ncu-rep --page details > $T/prof_details.txt 2>&1
ls -la $T/prof* | tee -a $O/summary.txt
echo "profile $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" --exclude='prof.ncu-rep' * ); cp $T/prof.ncu-rep $O/ 2>/dev/null
for f in $T/pncu_*.txt $T/pncu256_*.txt; do echo "== $f"; cat $f | grep -v "^ncu\|==PROF" | tail -14; done
echo "total $(el)"
