#!/bin/bash
# sm90 gather round 3: prefetched lookups + 16 shuffles in flight; register split 56/224 vs 72/216;
# forced-sm90 tests with 32-bit and 64-bit offsets.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
( rm -rf build_r72; cp -r build build_r72; rm -f build_r72/src/cuda/prefill_sm90.o build_r72/pa-bench
  make BUILD=build_r72 NVEXTRA="-DSM90_PRODUCER_REGS=72 -DSM90_CONSUMER_REGS=216" build_r72/pa-bench > "$O/build_r72.log" 2>&1 ) &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=120 timeout 60 build/test_gpu > "$O/t32.log" 2>&1; echo "sm90 off32 rc=$? $(tail -1 $O/t32.log)"
PA_TEST_SM90_WIDE=1 PA_TEST_KERNEL=sm90 PA_TEST_CASES=120 PA_TEST_SEED=7 timeout 60 build/test_gpu > "$O/t64.log" 2>&1; echo "sm90 wide rc=$? $(tail -1 $O/t64.log)"
grep -m3 -i "fail" $O/t32.log $O/t64.log
wait; echo "variant built $(( $(date +%s) - t0 ))s"
for n in build build_r72; do
  echo "== $n"
  timeout 60 $n/pa-bench --prefill-only --dims 128 --pages ${PAGES:-1,3,4,8,100} --table frag --iters 10 2>&1 | awk 'NR>1{print $8, $10, $11, $12}' | tr '\n' ';'; echo
done
echo "total $(( $(date +%s) - t0 ))s"
