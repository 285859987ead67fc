#!/bin/bash
# sm90 page runs (power-of-two TMA boxes per page run, pages >= 43): correctness through the
# forced-sm90 tests at d128, memcheck, the fragmented prefill rows, and one gather variant.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
for v in "nf:-DSM90_GATHER_FENCE=0" "st3:-DSM90_STAGES=3"; do
  n=${v%%:*}; f=${v#*:}
  ( rm -rf build_$n; cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/pa-bench
    make BUILD=build_$n NVEXTRA="$f" build_$n/pa-bench > "$O/build_$n.log" 2>&1 ) &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=${CASES:-150} PA_TEST_SEED=23 timeout 100 build/test_gpu > "$O/test_sm90.log" 2>&1
echo "test_gpu(sm90,d128) rc=$? $(grep -c FAIL $O/test_sm90.log) FAIL lines; $(tail -1 $O/test_sm90.log)"
grep -m5 FAIL "$O/test_sm90.log"
PA_TEST_CASES=12 PA_TEST_HEAD_DIM=128 PA_TEST_KERNEL=sm90 PA_TEST_SEED=29 timeout 80 compute-sanitizer --tool memcheck build/test_gpu > "$O/memcheck_sm90.log" 2>&1
echo "memcheck(sm90) rc=$? $(grep -E 'ERROR SUMMARY' $O/memcheck_sm90.log | tail -1) $(tail -1 $O/memcheck_sm90.log)"
wait
timeout 120 build/pa-bench --prefill-only --dims 128 --pages ${PAGES:-8,16,48,51,64,100,200,672} --table frag --iters 10 > "$O/bench.log" 2>&1
echo "bench rc=$?"
timeout 60 build/pa-bench --prefill-only --dims 128 --pages 1,4 --table frag --iters 10 > "$O/bench_g.log" 2>&1
timeout 60 build_nf/pa-bench --prefill-only --dims 128 --pages 1,4 --table frag --iters 10 > "$O/bench_nf.log" 2>&1
timeout 90 build_st3/pa-bench --prefill-only --dims 128 --pages 8,16,100 --table frag --iters 10 > "$O/bench_st3.log" 2>&1
echo "total $(( $(date +%s) - t0 ))s"
cat "$O/bench.log"; echo "== gather, fence / no fence (measurement only)"; cat "$O/bench_g.log" "$O/bench_nf.log" | awk '$1=="prefill"'
echo "== 3 stages"; awk '$1=="prefill"' "$O/bench_st3.log"
