#!/bin/bash
# Session 10, last call (H200): pa-bench's paged rows timed by ncu at its locked clocks (no
# power-cap drift; bench/pa_ncu.py maps launches to rows; it ran as bench/wip_sm90/ncu_pa.py then), for the committed build; and
# the gather rows of build_DA (descriptors by offset in the gather kernels too) against it, with
# build_DA's forced d128 gather tests.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=251 timeout 100 build_DA/test_gpu > $T/DA_gather_d128.log 2>&1
echo "DA_gather_d128: $(tail -1 $T/DA_gather_d128.log) $(el)" | tee -a "$O/summary.txt"
P=1,3,4,8,16,32,48,64,100,128,256,672
timeout 200 ncu --csv --metrics gpu__time_duration.sum -k "regex:sm90_prefill" build/pa-bench --prefill-only --dims 128,64,256 \
  --causal both --pages $P --table frag --warmup 0 --iters 2 --no-check > $T/ncu_pa_build.csv 2> $T/ncu_pa_build.err
echo "ncu build rc=$? $(el)" | tee -a "$O/summary.txt"
python3 bench/pa_ncu.py --csv $T/ncu_pa_build.csv --dims 128,64,256 --pages $P --causal both --out $T 2>&1 | tee $T/ncu_pa_build.txt | tee -a "$O/summary.txt"
for v in build build_DA; do
  timeout 100 ncu --csv --metrics gpu__time_duration.sum -k "regex:sm90_prefill" $v/pa-bench --prefill-only --dims 128,64 \
    --causal 0 --pages 1,3,4 --table frag --warmup 0 --iters 2 --no-check > $T/ncu_g_$v.csv 2> $T/ncu_g_$v.err
  python3 bench/pa_ncu.py --csv $T/ncu_g_$v.csv --dims 128,64 --pages 1,3,4 --causal 0 --out $T 2>&1 | sed "s/^/$v /" | tee -a "$O/summary.txt"
done
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)" | tee -a "$O/summary.txt"
