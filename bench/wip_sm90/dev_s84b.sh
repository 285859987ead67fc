#!/bin/bash
# Session 84, call b (~330 s): value 3 of SM90_PW_SHFL_D128 (M115 candidate: M114's shuffle also in
# the 176-key plain instances, i.e. d128 non-causal page runs) over every d128 non-causal page size,
# then, if it holds, the integrated benchmark with it in the same start.
# Builds (.carry/bins.tar.xz): build = the four files of build_pw3 (-DSM90_PW_SHFL_D128=3, prefill
# SASS af249589); build_lib/pa-bench = the library at 21bd474 (M114, SASS b7282192). Rebuild:
#   make -j2 BUILD=build_pw3 NVEXTRA=-DSM90_PW_SHFL_D128=3 build_pw3/{pa-bench,test_gpu,test_threads,libpagedattn.so}
#   make -j2 build/pa-bench; then pack as below (tar --transform).
# 1. d128 non-causal, fragmented, pages 8..128 / 144 / 160 / 200 / 256 / 672, pw3 and lib
#    interleaved, 2 rounds; paired_table with LIMIT 3.0.
# 2. ncu, lib against pw3, d128 non-causal pages 9 / 12 / 15 / 17 / 100, 2 passes.
# 3. If pw3 has no cell over 3.0 and its mean minus lib's is <= 0: COMPARE_S=420 dev_s71b.sh
#    (tests, compare.py with the anchors, pa-bench, ncu) on build/ (= pw3), unless LIMIT (s) is short.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t84b build_lib/pa-bench
P=$(seq -s, 8 128),144,160,200,256,672
A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 0 --pages $P"
for r in 1 2; do
    build/pa-bench $A 2>&1 | pa_row pw3 > /dev/null
    build_lib/pa-bench $A 2>&1 | pa_row lib > /dev/null
    echo "sweep round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "pw3 lib" 3.0
AB_PREFIX=nc ncu_ab "build_lib build" --dims 128 --pages 9,12,15,17,100 --causal 0
go=$(grep -c "^pw3: 0 cells over" "$O/summary.txt")
grep -E "^pw3 - lib over .*mean -|^pw3 - lib over .*mean \+0\.00" "$O/summary.txt" > /dev/null || go=0
echo "integrated: go=$go" | tee -a "$O/summary.txt"
dev_end logs_s84b
if [ "$go" = 1 ]; then
    if [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 240 )) -gt "$LIMIT" ]; then
        echo "integrated skipped: $(el) used of LIMIT=$LIMIT" | tee -a "$O/summary.txt"; exit 0
    fi
    mv "$O/summary.txt" "$O/summary_b.txt"
    COMPARE_S=420 bash "$(dirname "$0")/dev_s71b.sh" 2>&1 | tail -40
fi
