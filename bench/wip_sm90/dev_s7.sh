#!/bin/bash
# Session 7's device call (H200): binaries built on the development machine (nvcc 13.0, static
# CUDA runtime) travel as .carry/bins.tar.xz, so no device time goes to compiling:
#   build/     the default build (shared-offset gather, SM90_GATHER_ADDR=1)
#   build_b/   pa-bench with SM90_GATHER_ADDR=0 (the per-warp shuffle gather of M11..M13)
#   build_fg/  test_gpu with SM90_FORCE_GATHER (the gather for every paged call: every page size)
# 1. correctness, all at once (GPU tests are independent processes): forced-sm90 tests at each
#    head_dim, the forced gather at each head_dim (32- and 64-bit offsets), automatic choice,
#    decode graphs, memcheck of the forced gather; 2. the A/B of the two gathers, alternated
#    ROUNDS times; 3. compare.py: anchors, pa-bench at three head dims, anchors again.
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
cat "$O/summary.txt"
if ! build/pa-bench --help 2>&1 | grep -q -- --dims; then
  echo "carried binaries do not run here: building"; rm -rf build build_b build_fg
  timeout 200 make -j16 all build/test_gpu build/test_decode_graph > /tmp/build.log 2>&1; echo "build rc=$? $(el)"
  for v in "b:-DSM90_GATHER_ADDR=0:pa-bench" "fg:-DSM90_FORCE_GATHER:test_gpu"; do
    n=${v%%:*}; r=${v#*:}; fl=${r%%:*}; t=${r#*:}
    ( cp -r build build_$n; rm -f build_$n/src/cuda/prefill_sm90.o build_$n/$t build_$n/libpagedattn.a build_$n/pagedattn_all.o
      make BUILD=build_$n NVEXTRA="$fl" build_$n/$t > /tmp/build_$n.log 2>&1; echo "build $n rc=$? $(el)" ) &
  done; wait
fi
T=/tmp/t; mkdir -p $T
if [ -z "$SKIP_TESTS" ]; then
  for d in 128 64 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${CASES:-96} PA_TEST_SEED=11 timeout 200 build/test_gpu > $T/sm90_d$d.log 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${FG_CASES:-72} PA_TEST_SEED=12 timeout 200 build_fg/test_gpu > $T/fg_d$d.log 2>&1 &
  done
  for d in 128 64; do
    PA_TEST_SM90_WIDE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=${WIDE_CASES:-48} PA_TEST_SEED=13 timeout 200 build_fg/test_gpu > $T/fgwide_d$d.log 2>&1 &
  done
  PA_TEST_CASES=${CASES:-96} timeout 200 build/test_gpu > $T/auto.log 2>&1 &
  timeout 100 build/test_decode_graph > $T/graph.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=8 PA_TEST_SEED=5 timeout 240 compute-sanitizer --tool memcheck build_fg/test_gpu > $T/memcheck_fg_d128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=8 PA_TEST_SEED=6 timeout 240 compute-sanitizer --tool memcheck build_fg/test_gpu > $T/memcheck_fg_d64.log 2>&1 &
  wait
  for f in $T/*.log; do
    n=$(basename $f .log); echo "$n: $(grep -E 'ERROR SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"
    grep -m3 -E "FAIL|mismatch|timeout" $f
  done
  ( cd $T && tar czf "$O/tests.tgz" *.log )
  echo "tests done $(el)" | tee -a "$O/summary.txt"
fi
if [ -z "$SKIP_AB" ]; then
  for r in $(seq ${ROUNDS:-2}); do
    for n in build build_b; do
      timeout 150 $n/pa-bench --prefill-only --no-check --dims ${AB_DIMS:-128,64,256} --causal both --pages ${AB_PAGES:-1,3,4} \
        --table frag --iters ${ITERS:-10} > $T/ab.log 2>&1
      cat $T/ab.log >> "$O/ab_$n.log"
      echo "$n r$r: $(awk 'NR>1 && $10!="-"{printf "d%s c%s p%s %s; ", $2, $8, $10, $14}' $T/ab.log)" | tee -a "$O/summary.txt"
    done
  done
  echo "ab done $(el)" | tee -a "$O/summary.txt"
fi
if [ -z "$SKIP_COMPARE" ]; then
  timeout ${COMPARE_S:-260} python3 bench/compare.py --anchors-after --skip-others --no-decode-anchors --out "$O" \
    --pa-args "${PA_ARGS:---dims 128,64,256 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10 --prefill-only}" > "$O/compare.log" 2>&1
  echo "compare rc=$? $(el)" | tee -a "$O/summary.txt"
  sed -n '/SUMMARY/,$p' "$O/compare.log" | cut -c1-110 | head -80
fi
cat "$O/summary.txt"
