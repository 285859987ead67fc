#!/bin/bash
# Prepared in session 21 (device budget spent). Build with bench/wip_sm90/mkvariants_s22.sh; carry
# .carry/bins.tar.xz. Two calls (each well inside the 10-minute slot):
#   PHASE=ab (default, ~6 min): tests of the variants (forced sm90 at each head_dim, the gather,
#     the last-wave pieces, automatic; racecheck / memcheck), then ncu A/B at all head dims,
#     contiguous and pages 1 / 8, causal both: build, build_RE, build_RE2, build_REV, build_N192,
#     build_TW, build_FA, alternated twice;
#   PHASE=il (~3 min): contiguous against cuDNN interleaved in one process (bench/interleaved.py)
#     for build and the variants named in IL (default "build_RE build_N192 build_TW build_FA").
# Variants: RE = O's rescale between Q K^T and P V (SM90_RESCALE_EARLY_D<D>, all dims), RE2 = the
# same at d128 / d256 only, REV = RE + V's wait after Q K^T's issue, N192 = 192-key d128 wide tiles
# at 24/240 (producer spills), TW = a two-warp TMA producer, FA = N192 + TW + RE at d128.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t22 build_TW/pa-bench
if [ "${PHASE:-ab}" = ab ]; then
  forced_sm90 "build_RE build_TW" 50 2500
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=50 PA_TEST_SEED=2511 timeout 150 build_RE/test_gpu > $T/RE_g128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=2512 timeout 150 build_RE/test_gpu > $T/RE_t128.log 2>&1 &
  PA_TEST_CASES=50 PA_TEST_SEED=2513 timeout 150 build_RE/test_gpu > $T/RE_auto.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=80 PA_TEST_SEED=2514 timeout 150 build_N192/test_gpu > $T/N192_sm90_128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=2515 timeout 150 build_N192/test_gpu > $T/N192_t128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2516 timeout 200 compute-sanitizer --tool racecheck build_RE/test_gpu > $T/RE_rc128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2517 timeout 200 compute-sanitizer --tool racecheck build_N192/test_gpu > $T/N192_rc128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=2518 timeout 200 compute-sanitizer --tool memcheck build_N192/test_gpu > $T/N192_mc128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=2520 timeout 150 build_FA/test_gpu > $T/FA_sm90_128.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=2519 timeout 200 compute-sanitizer --tool racecheck build_TW/test_gpu > $T/TW_rc64.log 2>&1 &
  wait
  test_summary
  ncu_ab "build build_RE build_RE2 build_REV build_N192 build_TW build_FA" --dims 128,256,64 --pages 1,8 --causal both
else
  for v in build ${IL:-build_RE build_N192 build_TW build_FA}; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,256,64 --out $T/il_$v > $T/il_$v.txt 2>&1
    echo "== $v"; grep -E "TFLOPS" $T/il_$v.txt
  done | tee -a $O/summary.txt
fi
dev_end "logs_s22_${PHASE:-ab}"
