#!/bin/bash
# One device call: build, side-by-side benchmark, GPU tests, sanitizer, Python torch tests.
# Each stage has its own time limit and writes its log under $OUT; a short summary prints last.
# STAGES picks stages: build compare tests sm80 sanitize (the default) and python.
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
S=" ${STAGES:-build compare tests sm80 sanitize} "
has() { case "$S" in *" $1 "*) return 0;; esac; return 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu --format=csv > "$O/gpu.txt" 2>&1
bins=$(ls tests/test_*.c | sed 's#tests/#build/#; s#\.c$##')
t0=$(date +%s)
: > "$O/summary.txt"
if has build; then
  timeout 200 make -j16 all $bins > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
fi
if has compare; then
  timeout ${COMPARE_S:-300} python3 bench/compare.py $([ -z "$COMPARE_FULL" ] && echo --quick) $COMPARE_ARGS --out "$O" \
    --pa-args "${PA_ARGS:---dims 128 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10}" > "$O/compare.log" 2>&1
  echo "compare rc=$? $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
fi
if has tests; then
  PA_TEST_CASES=${CASES:-150} timeout 90 build/test_gpu > "$O/test_gpu.log" 2>&1; echo "test_gpu(auto) rc=$? $(tail -1 $O/test_gpu.log)" | tee -a "$O/summary.txt"
  timeout 40 build/test_decode_graph > "$O/test_graph.log" 2>&1; echo "test_decode_graph rc=$? $(tail -1 $O/test_graph.log)" | tee -a "$O/summary.txt"
  for d in ${SM90_DIMS:-128 64 256}; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${CASES:-150} PA_TEST_SEED=11 timeout 80 build/test_gpu > "$O/test_sm90_d$d.log" 2>&1; echo "test_gpu(sm90,d$d) rc=$? $(tail -1 $O/test_sm90_d$d.log)" | tee -a "$O/summary.txt"
  done
fi
if has sm80; then
  timeout 35 build/pa-bench --kernel sm80 --prefill-only --dims 128 --pages 8,16,48,64,100,256 --table frag --iters 8 > "$O/sm80.log" 2>&1; echo "sm80 bench rc=$?" | tee -a "$O/summary.txt"
fi
if has sanitize; then
  PA_TEST_CASES=6 timeout 50 compute-sanitizer --tool memcheck build/test_gpu > "$O/memcheck.log" 2>&1; echo "memcheck rc=$? $(grep -E 'ERROR SUMMARY' $O/memcheck.log | tail -1) $(tail -1 $O/memcheck.log)" | tee -a "$O/summary.txt"
  PA_TEST_CASES=9 PA_TEST_HEAD_DIM=${MC_DIM:-128} PA_TEST_KERNEL=sm90 PA_TEST_SEED=5 timeout 60 compute-sanitizer --tool memcheck build/test_gpu > "$O/memcheck_sm90.log" 2>&1; echo "memcheck(sm90) rc=$? $(grep -E 'ERROR SUMMARY' $O/memcheck_sm90.log | tail -1) $(tail -1 $O/memcheck_sm90.log)" | tee -a "$O/summary.txt"
  PA_TEST_CASES=3 PA_TEST_KERNEL=sm80 timeout 45 compute-sanitizer --tool racecheck build/test_gpu > "$O/racecheck.log" 2>&1; echo "racecheck rc=$? $(grep -E 'RACECHECK SUMMARY|ERROR SUMMARY' $O/racecheck.log | tail -1)" | tee -a "$O/summary.txt"
fi
if has python; then
  timeout 60 sh python/tests/run.sh build > "$O/python.log" 2>&1; echo "python rc=$? $(tail -1 $O/python.log)" | tee -a "$O/summary.txt"
fi
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
[ -f "$O/compare.log" ] && sed -n '/SUMMARY/,$p' "$O/compare.log" | head -70
[ -f "$O/sm80.log" ] && tail -16 "$O/sm80.log"
cat "$O/summary.txt"
