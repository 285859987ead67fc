#!/bin/bash
# Session 25, call 2 (carry .carry/bins.tar.xz from mkvariants_s25b.sh):
#   1. tests: build (M54) automatic, forced sm90 d128 at PAIR pages 8..96, racecheck d128 pages
#      32 / 64 forced sm90; build_R40 / build_R40Q6 forced gather at d256;
#   2. ncu A/B build / build_OW1 at d128 pages 32, 64, 96 (causal both);
#   3. ncu A/B build / build_R40 / build_R40Q6 / build_Q0 at d256 pages 1, 4 (causal both).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t25b build_Q0/pa-bench
PA_TEST_SEED=5000 timeout 150 build/test_gpu > $T/M54_auto.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,32,48,64,96 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=5001 timeout 150 build/test_gpu > $T/M54_pages128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=5002 timeout 150 build/test_gpu > $T/M54_sm90_128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=32,64 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=5003 timeout 150 compute-sanitizer --tool racecheck build/test_gpu > $T/M54_rc128.log 2>&1 &
for v in build_R40 build_R40Q6; do
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=5010 timeout 150 $v/test_gpu > $T/${v}_g256.log 2>&1 &
done
wait
test_summary
AB_PREFIX=ow ncu_ab "build build_OW1" --dims 128 --pages 32,64,96 --causal both
AB_PREFIX=rg ncu_ab "build build_R40 build_R40Q6 build_Q0" --dims 256 --pages 1,4 --causal both
dev_end logs_s25b
# 4. full ncu profiles (every section, raw metrics) of d256 / d128 causal, contiguous then page 1:
#    where the gather's copies cost twice as much at d256 (shared-memory and L1 data-bank load)
for d in 256 128; do
  timeout 150 ncu --set full --kernel-name-base mangled -k "regex:sm90_prefill_kernel" -c 2 -o $T/full$d build/pa-bench --prefill-only --warmup 0 --iters 1 --no-check --dims $d --causal 1 --pages 1 > $T/full${d}_run.txt 2>&1
  echo "full$d rc=$? $(el)" | tee -a $O/summary.txt
  ncu -i $T/full$d.ncu-rep --page raw --csv > $T/full${d}_raw.csv 2>&1
  ncu -i $T/full$d.ncu-rep --page details > $T/full${d}_details.txt 2>&1
  grep -E "Duration|Mem Busy|Max Bandwidth|Mem Pipes Busy|Shared|Bank|L1/TEX Hit|Issue Slots Busy" $T/full${d}_details.txt | head -40 | tee -a $O/summary.txt
  xz -T8 $T/full${d}_raw.csv; mv $T/full${d}_raw.csv.xz $O/; cp $T/full${d}_details.txt $O/; rm -f $T/full$d.ncu-rep
done
dev_end logs_s25b2
