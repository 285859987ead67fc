#!/bin/bash
# Session 20, last call: M45 adopted (the d64 gather on 3 warpgroups, build_GB's SASS). The
# integrated test half (dev_s14f.sh PHASE=tests: every GPU test, sanitize.sh's 16 runs, python),
# then d64's side of the benchmark in the same call: compare.py at d64 (anchors FA2 / cuDNN at d64,
# pa-bench rows), interleaved against cuDNN at d64, the d64 paged table at ncu's clocks.
REAL=${OUT:-/tmp/out}; mkdir -p "$REAL"
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
PHASE=tests bash bench/wip_sm90/dev_s14f.sh > "$REAL/tests_run.log" 2>&1
mkdir -p "$REAL/tests"; cp "$REAL/summary.txt" "$REAL/tests/summary.txt"; mv "$REAL/final.tgz" "$REAL/tests/final.tgz"
echo "tests $(el)"
export PYTHONPATH=$PWD/python:$PWD/bench
O=$REAL/d64; mkdir -p $O
timeout 120 python3 bench/compare.py --skip-others --anchor-dims 64 --no-decode-anchors --no-interleaved --no-ncu-paged --anchors-after --out "$O" \
  --pa-args "--dims 64 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10 --prefill-only" > "$O/compare.log" 2>&1
echo "compare rc=$? $(el)"
PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 64 --out "$O" > "$O/interleaved.txt" 2>&1
echo "interleaved rc=$? $(el)"
timeout 90 python3 bench/pa_ncu.py --pa build/pa-bench --dims 64 --causal both --out "$O" > "$O/pa_ncu.txt" 2>&1
echo "pa_ncu rc=$? $(el)"
grep -vE "^== |passed, 0 failed$" "$REAL/tests/summary.txt" | head -30; grep -E "passed|failed" "$REAL/tests/summary.txt" | grep -v " 0 failed" | head
grep -c " 0 failed" "$REAL/tests/summary.txt"
sed -n '/SUMMARY/,$p' "$O/compare.log" | grep "^prefill" | cut -c1-110
grep -E "ours/cuDNN" "$O/interleaved.txt" | cut -c1-160
cat "$O/pa_ncu.txt" | tail -30
