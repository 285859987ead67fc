#!/bin/bash
# Prepared in session 84 for the next call (~330 s): M116 (host only) on the GPU, then the
# integrated benchmark of the library as it is (HEAD: M115 kernels, SASS af249589, with M116).
# Builds (.carry/bins.tar.xz, made in session 84 at 4eede21's sources):
#   build     = HEAD's four files (pa-bench, test_gpu, test_threads, libpagedattn.so);
#   build_lib = pa-bench of M115 without M116 (build_pw3: 21bd474 with -DSM90_PW_SHFL_D128=3).
#   If the archive is gone (~80 s a build on 2 cores): make -j2 build/pa-bench build/test_gpu
#   build/test_threads build/libpagedattn.so; then in a worktree at 21bd474 (git worktree add
#   /tmp/wt 21bd474): make -j2 BUILD=build_lib NVEXTRA=-DSM90_PW_SHFL_D128=3 build_lib/pa-bench, and
#   copy its build_lib/pa-bench here; tar cf - build/{4 files} build_lib/pa-bench | xz > the archive.
# 1. d128 B4 8k fragmented, pages 9 / 10 / 11 / 12, both masks, MHA 16 / 16 and GQA 32 / 8: build
#    against build_lib interleaved, 3 rounds; paired_table per shape (MHA non-causal 9 / 10 is
#    where M116 changes the path: the copy -> in place).
# 2. COMPARE_S=420 dev_s71b.sh: tests, compare.py with the anchors, pa-bench, ncu -> RESULTS 2.72,
#    unless LIMIT (s) is too short.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t85a build_lib/pa-bench
for r in 1 2 3; do
    for hk in 16:16 32:8; do
        h=${hk%:*}; k=${hk#*:}
        A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal both --heads $h --kv-heads $k --pages 9,10,11,12"
        build/pa-bench $A 2>&1 | pa_row m116_$k > /dev/null
        build_lib/pa-bench $A 2>&1 | pa_row lib_$k > /dev/null
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
for k in 16 8; do echo "== kv heads $k" | tee -a "$O/summary.txt"; paired_table "m116_$k lib_$k" 3.0; done
dev_end logs_s85a
if [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 240 )) -gt "$LIMIT" ]; then
    echo "integrated skipped: $(el) used of LIMIT=$LIMIT" | tee -a "$O/summary.txt"; exit 0
fi
mv "$O/summary.txt" "$O/summary_a.txt"
COMPARE_S=420 bash "$(dirname "$0")/dev_s71b.sh" 2>&1 | tail -40
