#!/bin/bash
# Prepared in session 85 for the next call (~300 s with LIMIT): M117 (pa__sm90_copy_split, off by
# default; host only, prefill SASS af249589 unchanged) on the GPU, and RESULTS 3.5y's open questions.
# Binaries: .carry/bins.tar.xz = build/{pa-bench, test_gpu, test_threads, libpagedattn.so} built at
# commit 285c770 (M117), and build_pd/pa-bench (step 3). If the archive is gone (~80 s a build on 2
# cores): make -j2 build/pa-bench build/test_gpu build/test_threads build/libpagedattn.so; in a
# worktree with bench/wip_sm90/m113_plan_pdl.patch applied: make -j2 BUILD=build_pd
# NVEXTRA=-DSM90_PLAN_PDL=1 build_pd/pa-bench, copied here; tar cf - build/{those} build_pd/pa-bench
# | xz > the archive.
# 1. Tests with M117 on (PA_TEST_SM90_SPLIT=1), the copy forced (PA_TEST_SM90_COPY=1) and a 4 MB copy
#    limit, so that calls over it split: forced sm90 at d64 / d128 / d256 (30 cases each; each log
#    must print a nonzero "ran as groups" count, test_gpu fails otherwise); the same with the copy
#    beside forced on 8 blocks at d128; memcheck at d128 (3 cases); automatic (M117 off).
# 2. d128 B4 H16 65536 pages 1 / 4, both masks, 3 paired iterations: def (the library), lim
#    (--kv-copy-limit 8 GiB: the whole copy), split (--copy-split 1: M117, groups of 8 kv heads
#    within the default 1 GiB). Then d256 causal page 1 the same three ways, if LIMIT leaves time.
# 3. d128 2048 pages 1 / 3 / 4 / 8 / 16 / 48 / 100, both masks, 20 iterations, 3 rounds (3.5y had
#    one), build against build_pd (M113: the attention launched by programmatic dependent launch
#    after the run table's kernel; bench/wip_sm90/m113_plan_pdl.patch on 37dc996, built with
#    -DSM90_PLAN_PDL=1, SASS 122802e8). At 8192 M113 was noise (3.5t); at 2048 a call is ~0.16 ms,
#    so the table kernel and the launch boundary it hides (~4..6 us) would be ~3%: predicted pages
#    8 / 16 / 48 / 100 (table-reading instances) 1..3 points lower, pages 1..4 (gather) unchanged.
# 4. If LIMIT leaves 60 s: bench/interleaved.py --shapes long,short --fa2 (3.5y's contiguous rows,
#    which ran on an H200; ~45 s).
# Adopt M117 (pa__sm90_copy_split = 1) if the tests pass and split reads within a point of lim at
# 65536 pages 1 / 4 (and under def); then record RESULTS 3.5z, M117's measured line in the header.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t86a build_pd/pa-bench
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
split_tests 4000000 30 86000 120
PA_TEST_CASES=30 PA_TEST_SEED=86002 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
grep -h "ran as groups" "$T"/split_*.log | sed 's/^/  /' >> "$O/summary.txt"
A65="--prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 65536 --table frag --iters 3 --warmup 1"
r=1
for m in def lim split; do
    X=""; [ $m = lim ] && X="--kv-copy-limit 8589934592"; [ $m = split ] && X="--copy-split 1"
    timeout 150 build/pa-bench $A65 --dims 128 --causal both --pages 1,4 $X 2>&1 | pa_row "${m}65k" > /dev/null
    echo "d128 $m $(el)" >> "$O/summary.txt"
done
for m in def lim split; do
    X=""; [ $m = lim ] && X="--kv-copy-limit 8589934592"; [ $m = split ] && X="--copy-split 1"
    if [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 60 )) -gt "$LIMIT" ]; then echo "d256 $m skipped $(el)" >> "$O/summary.txt"; continue; fi
    timeout 90 build/pa-bench $A65 --dims 256 --causal 1 --pages 1 $X 2>&1 | pa_row "${m}65k" > /dev/null
    echo "d256 $m $(el)" >> "$O/summary.txt"
done
for r in 1 2 3; do
    for b in build build_pd; do
        $b/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128 --causal both \
            --table frag --pages 1,3,4,8,16,48,100 --iters 20 2>&1 | pa_row "s2k_${b#build}" > /dev/null
    done
done
echo "2k $(el)" >> "$O/summary.txt"
paired_table "def65k lim65k split65k"
paired_table "s2k_ s2k__pd" 3.0
if [ -z "$LIMIT" ] || [ $(( $(date +%s) - t0 + 60 )) -le "$LIMIT" ]; then
    PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 120 python3 bench/interleaved.py --shapes long,short --fa2 \
        --rounds 6 --out "$O" > "$T/inter.log" 2>&1
    echo "interleaved rc=$? $(el)" >> "$O/summary.txt"; grep "^stream" "$T/inter.log" >> "$O/summary.txt"
else
    echo "interleaved skipped $(el)" >> "$O/summary.txt"
fi
dev_end logs_s86a
tail -45 "$O/summary.txt"
