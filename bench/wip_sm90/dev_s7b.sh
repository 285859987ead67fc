#!/bin/bash
# Session 7's second device call (H200): the final checks of the committed kernels and three
# measurement builds of the gather, all built on the development machine and carried as
# .carry/bins.tar.xz (build/: the library, pa-bench, tests; build_<v>/pa-bench for v in VARIANTS).
# 1. correctness, all at once: automatic choice, forced sm90 at each head_dim, the gather forced
#    for every page size (PA_TEST_SM90_GATHER=1; 32- and 64-bit offsets), decode graphs,
#    memcheck (automatic; forced gather d128/d256), racecheck (sm80), the Python torch tests;
# 2. gather diagnosis: build vs build_<v> alternated ROUNDS times at pages 1 and 4 (hc, nf, s3:
#    -DSM90_DEV_HALFCOPY=1, -DSM90_DEV_NOFENCE=1, -DSM90_STAGES_D128=3; the first two knobs exist
#    up to commit f556dd5);
# 3. compare.py: anchors (prefill three head dims, decode), pa-bench, anchors again.
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
cat "$O/summary.txt"
if ! build/pa-bench --help 2>&1 | grep -q -- --dims; then
  echo "carried binaries do not run here: building"; rm -rf build
  timeout 200 make -j16 all build/test_gpu build/test_decode_graph > /tmp/build.log 2>&1; echo "build rc=$? $(el)"
fi
T=/tmp/t; mkdir -p $T
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
if [ -z "$SKIP_TESTS" ]; then
  PA_TEST_CASES=${CASES:-150} timeout 200 build/test_gpu > $T/auto.log 2>&1 &
  for d in 128 64 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${CASES:-150} PA_TEST_SEED=11 timeout 200 build/test_gpu > $T/sm90_d$d.log 2>&1 &
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${G_CASES:-96} PA_TEST_SEED=12 timeout 200 build/test_gpu > $T/gather_d$d.log 2>&1 &
  done
  for d in 128 256; do
    env $G PA_TEST_SM90_WIDE=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=48 PA_TEST_SEED=13 timeout 200 build/test_gpu > $T/gather_wide_d$d.log 2>&1 &
  done
  timeout 100 build/test_decode_graph > $T/graph.log 2>&1 &
  PA_TEST_CASES=6 timeout 240 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_auto.log 2>&1 &
  for d in 128 256; do
    env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=8 PA_TEST_SEED=5 timeout 240 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_gather_d$d.log 2>&1 &
  done
  PA_TEST_CASES=3 PA_TEST_KERNEL=sm80 timeout 240 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_sm80.log 2>&1 &
  timeout 120 sh python/tests/run.sh build > $T/python.log 2>&1 &
  wait
  for f in $T/*.log; do
    n=$(basename $f .log); echo "$n: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"
    grep -m3 -E "FAIL|mismatch|Timeout|timed out" $f
  done
  ( cd $T && tar czf "$O/tests.tgz" *.log )
  echo "tests done $(el)" | tee -a "$O/summary.txt"
fi
if [ -z "$SKIP_DIAG" ]; then
  for r in $(seq ${ROUNDS:-2}); do
    for n in build $(for v in ${VARIANTS:-hc nf s3}; do echo build_$v; done); do
      dims=128,64; [ "$n" = build_s3 ] && dims=128
      timeout 120 $n/pa-bench --prefill-only --no-check --dims $dims --causal both --pages 1,4 --table frag --iters 10 > $T/v.log 2>&1
      sed "s/^/$n r$r /" $T/v.log >> "$O/diag.log"
      echo "$n r$r: $(awk 'NR>1{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' $T/v.log)" | tee -a "$O/summary.txt"
    done
  done
  echo "diag done $(el)" | tee -a "$O/summary.txt"
fi
if [ -z "$SKIP_COMPARE" ]; then
  timeout ${COMPARE_S:-300} python3 bench/compare.py --anchors-after --skip-others --out "$O" \
    --pa-args "${PA_ARGS:---dims 128,64,256 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10}" > "$O/compare.log" 2>&1
  echo "compare rc=$? $(el)" | tee -a "$O/summary.txt"
  sed -n '/SUMMARY/,$p' "$O/compare.log" | cut -c1-110 | grep -v "^prefill" | head -60
fi
cat "$O/summary.txt"
