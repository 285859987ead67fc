#!/bin/bash
# Prepared in session 83 for the next call (~2.5 min): M114 over every page size, and value 3 of its knob.
# Builds (.carry/bins.tar.xz, made in session 83 at the commit that wrote this script):
#   build     = the library with M114 (SM90_PW_SHFL_D128=2, prefill SASS b7282192);
#   build_old = -DSM90_PW_SHFL_D128=0 (the library before M114, SASS 936dea7a);
#   build_pw3 = -DSM90_PW_SHFL_D128=3 (SASS af249589: the shuffle in the 176-key plain instances too,
#               i.e. d128 non-causal page runs; 6 R2UR in the box loop instead of 7).
#   If the archive is gone (a fresh checkout), rebuild (~80 s each on 2 cores) and pack:
#   make -j2 build/pa-bench build/test_gpu; make -j2 BUILD=build_old NVEXTRA=-DSM90_PW_SHFL_D128=0
#   build_old/pa-bench; make -j2 BUILD=build_pw3 NVEXTRA=-DSM90_PW_SHFL_D128=3 build_pw3/pa-bench
#   build_pw3/test_gpu; tar cf - build/pa-bench build/test_gpu build_old/pa-bench build_pw3/pa-bench
#   build_pw3/test_gpu | xz -6 -T2 > .carry/bins.tar.xz   (run with carry [".carry"])
# 1. build_pw3's tests: automatic (40), forced d128 on pages 9..17 / 24 / 33 / 77 / 100 / 127 (60),
#    racecheck d128 pages 9 / 77 (2 cases).
# 2. M114 off the sweep (3.5t measured 8..17 / 100 only): d128 causal, every page 8..128 and 144 /
#    160 / 200 / 256 / 672 (3.4w's list), new against old interleaved, 2 rounds; cells over 3%.
# 3. Value 3: d128 non-causal pages 9..17 / 24 / 33 / 77 / 100 / 127, lib against pw3, 3 rounds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t84a build_pw3/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=84101 timeout 120 build_pw3/test_gpu > "$T/pw3_auto.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,10,11,12,13,14,15,16,17,24,33,77,100,127 \
    PA_TEST_CASES=60 PA_TEST_SEED=84102 timeout 120 build_pw3/test_gpu > "$T/pw3_pages.log" 2>&1 &
san racecheck build_pw3 128 9,77 2 84103 pw3_rc 170
wait
test_summary
ok=1
for f in pw3_auto pw3_pages; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
grep -q "RACECHECK SUMMARY: 0 hazards" "$T/pw3_rc.log" || ok=0
echo "tests ok=$ok" | tee -a "$O/summary.txt"
P=$(seq -s, 8 128),144,160,200,256,672
for r in 1 2; do
    build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages $P 2>&1 | pa_row new > /dev/null
    build_old/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages $P 2>&1 | pa_row old > /dev/null
    echo "sweep round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "new old" 3.0
A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 0 --pages 9,10,11,12,13,14,15,16,17,24,33,77,100,127"
for r in 1 2 3; do
    build/pa-bench $A 2>&1 | pa_row lib > /dev/null
    [ $ok = 1 ] && build_pw3/pa-bench $A 2>&1 | pa_row pw3 > /dev/null
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib pw3"
dev_end logs_s84a
