#!/bin/bash
# Session 86's second call (~330 s): the library with M113 (SM90_PLAN_PDL 1: the attention launched
# by programmatic dependent launch after the run table's kernel) and M117 (pa__sm90_copy_split 1,
# now with lse: a group writes its heads' columns of the call's rows, lse_stride_token) adopted.
# Binaries (.carry/bins.tar.xz, packed at the end of session 86 from 8194ce2's sources, prefill SASS
# 546a72c9): build/{pa-bench, test_gpu, test_threads, libpagedattn.so} (make -j2 those four, ~80 s
# on 2 cores) and build_old/pa-bench = 285c770's (before M113: git worktree add /tmp/wt 285c770,
# make -j2 build/pa-bench there, copied here as build_old/pa-bench).
# 1. M117's tests with a 1 MB copy limit (call a's 4 MB split no d128 / d256 case in 30) at every
#    head_dim, 40 cases, the copy forced: each must print a nonzero "ran as groups" count; the same
#    beside on 8 blocks at d128; memcheck at d128. (Call a's lse failures: pa_workspace_size, which
#    sees no lse, asked for the split's workspace, the call with lse then ran whole.)
# 2. M113 at 8192 against build_old, paired, 3 rounds: d64 / d128 / d256, both masks, pages
#    8 / 9 / 12 / 16 / 48 / 100 (the run-table pages: M113's only change). Adopt stays if no cell
#    moves up by more than its spread; 2048 gained 1..2 points at pages 8..100 (call a).
# 3. dev_s71b.sh with COMPARE_S=420: its tests, compare.py with the anchors, pa-bench, ncu (2.73).
# Not run in session 86 (starts refused, then lending paused). With little budget: ROUNDS=2
# INTEGRATED=0 (~150 s: steps 1 and 2 alone).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t86b build_old/pa-bench
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
split_tests 1000000 40 86100 150 4
wait
test_summary
for f in "$T"/split_*.log; do echo "  $(basename "$f" .log): $(grep -h "ran as groups" "$f" | head -1)"; done >> "$O/summary.txt"
A="--prefill-only --table frag --no-check --iters 10 --dims 64,128,256 --causal both --pages 8,9,12,16,48,100"
for r in $(seq 1 ${ROUNDS:-3}); do
    build/pa-bench $A 2>&1 | pa_row new8k > /dev/null
    build_old/pa-bench $A 2>&1 | pa_row old8k > /dev/null
    echo "round $r $(el)" >> "$O/summary.txt"
done
paired_table "new8k old8k" 3.0
dev_end logs_s86b
mv "$O/summary.txt" "$O/summary_b.txt"
if [ "${INTEGRATED:-1}" = 0 ] || { [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 220 )) -gt "$LIMIT" ]; }; then
    echo "integrated skipped: $(el) used of LIMIT=$LIMIT" | tee -a "$O/summary_b.txt"; tail -50 "$O/summary_b.txt"; exit 0
fi
COMPARE_S=420 bash "$(dirname "$0")/dev_s71b.sh" > "$O/integrated.txt" 2>&1
grep -A40 "^d c page" "$O/summary_b.txt" | tail -48
grep -E "failed|passed|SUMMARY|bench done|total" "$O/integrated.txt" | tail -14
