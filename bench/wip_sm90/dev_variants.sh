#!/bin/bash
# sm90 build variants side by side: the default build plus one build per VARIANTS entry
# ("name:nvcc flags", separated by |), each rebuilding only prefill_sm90.o
# with NVEXTRA, then the same pa-bench prefill rows through each (causal, page, TFLOPS, overhead
# against the interleaved contiguous baseline). Knobs in prefill_sm90.cu: SM90_STAGES,
# SM90_GATHER_PRODUCER_REGS / SM90_GATHER_CONSUMER_REGS, SM90_RUNS_MIN, SM90_PAIRS_ON.
# The rounds in bench/RESULTS.md 3.1 ran earlier versions of this script (commits 1c9b1f3,
# 685d089, 4f60293, 9d25dc3), whose knobs have since been folded into the code.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 build/pa-bench > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
: ${VARIANTS:='r72:-DSM90_GATHER_PRODUCER_REGS=72 -DSM90_GATHER_CONSUMER_REGS=216|st3:-DSM90_STAGES=3'}
names=build
IFS='|' read -ra vs <<< "$VARIANTS"
for v in "${vs[@]}"; do
  n=${v%%:*}; f=${v#*:}; names="$names build_$n"
  ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
    make BUILD=build_$n NVEXTRA="$f" build_$n/pa-bench > "$O/build_$n.log" 2>&1 ) &
done
wait; echo "variants built $(( $(date +%s) - t0 ))s"
for n in $names; do
  echo "== $n"
  timeout 150 $n/pa-bench --prefill-only --dims ${DIMS:-128} --causal ${CAUSAL:-both} --pages ${PAGES:-1,4,8,100} --table ${TABLE:-frag} --iters ${ITERS:-10} 2>&1 |
    awk 'NR>1{print $8, $10, $12, $14}' | tr '\n' ';'; echo
done
echo "total $(( $(date +%s) - t0 ))s"
