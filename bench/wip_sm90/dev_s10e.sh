#!/bin/bash
# The integrated final call (H200; sessions 10 and 11, RESULTS 2.20, 2.21): the committed build (binaries made on the development machine,
# .carry/bins.tar.xz: pa-bench, test_gpu, libpagedattn.so; built here when not carried) checked and
# measured side by side in one call.
# 1. correctness: automatic choice, forced sm90 per head_dim, the gather forced for every page
#    size (32- and 64-bit offsets), memcheck (automatic, forced gather d64/d128),
#    racecheck (sm80), the Python torch tests;
# 2. compare.py: anchors (prefill at three head dims, decode), pa-bench, anchors again.
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
el() { echo "$(( $(date +%s) - t0 ))s"; }
if [ -f .carry/bins.tar.xz ]; then
  tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
else   # with flash-attn-4's libraries the carry limit leaves no room for binaries: build here
  timeout 240 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(el)"
fi
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
# PHASE=tests or PHASE=bench runs one half (session 19: with the 300 s sanitize slot the whole
# call no longer fits a 600 s device call)
if [ "${PHASE:-all}" != bench ]; then
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1"
PA_TEST_CASES=150 timeout 200 build/test_gpu > $T/auto.log 2>&1 &
for d in 128 64 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=241 timeout 200 build/test_gpu > $T/sm90_d$d.log 2>&1 &
  env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=96 PA_TEST_SEED=242 timeout 200 build/test_gpu > $T/gather_d$d.log 2>&1 &
  # the copy of small pages (M80, session 43), forced on every gather call
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=64 PA_TEST_SEED=249 timeout 200 build/test_gpu > $T/copy_d$d.log 2>&1 &
done
for d in 128 64; do
  env $G PA_TEST_SM90_WIDE=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=48 PA_TEST_SEED=243 timeout 200 build/test_gpu > $T/gather_wide_d$d.log 2>&1 &
done
for d in 128 256; do   # the last-wave split (M39, session 18) planned for 3 SMs, TMA and gather
  PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=96 PA_TEST_SEED=247 timeout 200 build/test_gpu > $T/tail_d$d.log 2>&1 &
  env $G PA_TEST_SM90_TAIL=5 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=64 PA_TEST_SEED=248 timeout 200 build/test_gpu > $T/tail_gather_d$d.log 2>&1 &
done
# (test_decode_graph not carried: the decode code is unchanged since session 7, whose call ran it)
PA_TEST_CASES=6 timeout 240 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_auto.log 2>&1 &
for d in 64 128; do
  env $G PA_TEST_HEAD_DIM=$d PA_TEST_CASES=8 PA_TEST_SEED=245 timeout 240 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=6 PA_TEST_SEED=246 timeout 240 compute-sanitizer --tool memcheck build/test_gpu > $T/memcheck_sm90_d128.log 2>&1 &
PA_TEST_CASES=3 PA_TEST_KERNEL=sm80 timeout 240 compute-sanitizer --tool racecheck build/test_gpu > $T/racecheck_sm80.log 2>&1 &
timeout 120 sh python/tests/run.sh build > $T/python.log 2>&1 &
# SANITIZE=1 (dev_s14f.sh): make test-sanitize's script too, in this phase (300 s: with the
# last-wave split's two runs added, 180 s cut its last five racecheck runs in 2.29; 300 s cut
# seven in 2.32, once the d64 gather had 3 warpgroups: 520 s now, SANITIZE_S overrides)
if [ "${SANITIZE:-0}" = 1 ]; then
  PA_TEST_CASES=6 PA_TEST_FORCED_CASES=3 timeout ${SANITIZE_S:-520} sh tests/sanitize.sh build > $T/sanitize.log 2>&1 &
fi
wait
for f in $T/*.log; do
  n=$(basename $f .log); echo "$n: $(grep -E 'ERROR SUMMARY|RACECHECK SUMMARY' $f | tail -1) $(tail -1 $f)" | tee -a "$O/summary.txt"
  grep -m3 -E "FAIL|mismatch|Timeout|timed out" $f
done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests done $(el)" | tee -a "$O/summary.txt"
if [ "${SANITIZE:-0}" = 1 ]; then
  grep -E "^== |^!!|passed, .* failed" $T/sanitize.log | head -40 | tee -a "$O/summary.txt"; cp $T/sanitize.log "$O/"
fi
fi
if [ "${PHASE:-all}" != tests ]; then
timeout ${COMPARE_S:-300} python3 bench/compare.py --anchors-after --skip-others --out "$O" \
  --pa-args "--dims 128,64,256 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10" > "$O/compare.log" 2>&1
echo "compare rc=$? $(el)" | tee -a "$O/summary.txt"
if [ "${SKIP_POWER:-0}" != 1 ]; then   # (session 40: SKIP_POWER=1 when the device budget is short)
PYTHONPATH=$PWD/python:$PWD/bench PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 90 python3 bench/power.py --out "$O" \
  --tag final --dims 128,64,256 --seconds 2 --idle 0.7 2>&1 | grep -v "NumPy\|_conversion" > "$O/power.log"
echo "power rc=$? $(el)" | tee -a "$O/summary.txt"
fi
sed -n '/SUMMARY/,$p' "$O/compare.log" | cut -c1-110 | grep -v "^prefill" | head -70
cat "$O/summary.txt"; cut -c1-150 "$O/power.log"
fi
