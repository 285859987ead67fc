#!/bin/bash
# Prepared in session 13, not run (no device time left). Build first: bash bench/wip_sm90/mkvariants_s14.sh
#   1. The gather kernels with wgmma descriptors by offset (build_GDA, SM90_DESC_ADD=1: only the 6
#      gather instances change). Session 13's source-level profile (RESULTS 3.1q) has the d128
#      gather's consumer loop at 621 instructions a warp and tile against the contiguous kernel's
#      550, the consumers being issue-bound; about 35 of the 71 are per-step descriptor arithmetic
#      (ULOP3, USHF, R2UR), which DA removes (3.1m had judged DA in the gather by pa-bench's noisy
#      rows only). Predicted: pages 1-4 3..4 points lower at d128/d64, if ptxas keeps the rest.
#   2. d64 page 8 (+5.3/+5.4% in 2.23, +3.2/+3.4% before mode 1): the d64 TMA kernels with mask
#      mode 4 (build_T64m4) or 3 (build_T64m3) instead of 1, at contiguous, page 8 and page 16.
#   Each: racecheck of the changed instances, tests, ncu at locked clocks alternated twice.
#   3. Source-level profiles of d128 page 100 and d64 page 8 (committed build), ~1 min.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1401 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_GDA/test_gpu > $T/rc_GDA_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=80 PA_TEST_SEED=1402 PA_TEST_HEAD_DIM=$d timeout 200 build_GDA/test_gpu > $T/t_GDA_gather_d$d.log 2>&1 &
done
for v in build_T64m4 build_T64m3; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1403 PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_sm90_d64.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=80 PA_TEST_SEED=1404 PA_TEST_HEAD_DIM=64 timeout 200 $v/test_gpu > $T/t_${v}_sm90_d64.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_GDA; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,4 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
  for v in build build_T64m4 build_T64m3; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 8,16 --causal both --out $T/t_${v}_$pass > $T/t_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
# 3. source-level profiles of the page runs (d128 page 100, +5%) and of d64 page 8 (+5.4%), each
#    with its contiguous baseline launch (pa-bench's paired order: contiguous, then paged), to read
#    as RESULTS 3.1q read the gather's (consumer / producer regions by the USETMAXREG addresses)
for spec in "128 100" "64 8"; do set -- $spec
  timeout 200 ncu --set full --import-source yes -k regex:prefill_kernel -c 2 -o $T/prof_d$1_p$2 build/pa-bench --prefill-only \
    --dims $1 --causal 0 --pages $2 --warmup 0 --iters 1 --no-check > $T/prof_d$1_p$2_run.txt 2>&1
  ncu -i $T/prof_d$1_p$2.ncu-rep --page source --csv --print-source sass > $T/prof_d$1_p$2_source.csv 2>&1
  ncu -i $T/prof_d$1_p$2.ncu-rep --page details > $T/prof_d$1_p$2_details.txt 2>&1
  rm -f $T/prof_d$1_p$2.ncu-rep
done
echo "profiles $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
{ python3 bench/wip_sm90/ab_table.py $T g build build_GDA
  python3 bench/wip_sm90/ab_table.py $T t build build_T64m4 build_T64m3; } | tee -a $O/summary.txt
echo "total $(el)"
