#!/bin/bash
# A/B of the default build against one variant build (B_FLAGS, rebuilding only prefill_sm90.o),
# alternated ROUNDS times in separate processes: pa-bench prefill rows (DIMS, PAGES, both masks).
# Before that: forced-sm90 GPU tests of the default build at TEST_DIMS (a timeout means a hang).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 240 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
grep -E "spill|error" "$O/build.log" | grep -v sm80_prefill | head -5
( rm -rf build_b; cp -r build build_b; rm -f build_b/src/cuda/prefill_sm90.o build_b/pa-bench
  make BUILD=build_b NVEXTRA="$B_FLAGS" build_b/pa-bench > "$O/build_b.log" 2>&1; echo "variant build rc=$?" ) &
for d in ${TEST_DIMS:-128 64 256}; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${CASES:-120} PA_TEST_SEED=${SEED:-43} timeout 60 build/test_gpu > "$O/test_sm90_d$d.log" 2>&1
  echo "test_gpu(sm90,d$d) rc=$? $(tail -1 $O/test_sm90_d$d.log) $(( $(date +%s) - t0 ))s"
  grep -m4 FAIL "$O/test_sm90_d$d.log"
done
wait
for r in $(seq ${ROUNDS:-2}); do
  for n in build build_b; do
    timeout 150 $n/pa-bench --prefill-only --dims ${DIMS:-128,64,256} --causal ${CAUSAL:-both} --pages ${PAGES:-1,64} \
      --table frag --iters ${ITERS:-8} > "$O/ab_${n}_$r.log" 2>&1
    echo "$n r$r: $(awk 'NR>1{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' "$O/ab_${n}_$r.log")"
  done
done
echo "total $(( $(date +%s) - t0 ))s"
