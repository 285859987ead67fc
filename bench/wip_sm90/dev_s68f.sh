#!/bin/bash
# Session 68: is producer warp 0's sub-partition the bottleneck at page runs? v_pm
# (-DSM90_PROBE_MASKW: one binary, the d128 plain-layout run instances form the key-mask words in
# warp 1 when PA_SM90_MASKW=1, in warp 0 (as the library) when 0; warp 0 forms the run plan and
# looks up the pages either way). Tests of mode 1 (forced sm90 d128, run pages), then ncu (never
# copying) d128 causal pages 51 / 100 with contiguous, PASSES passes (default 4) alternating
# mode 0 / mode 1 / the library. Builds: mk v_pm (its plain d128 producer spills one value, the
# same SASS in both modes).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68f /nonexistent
PA_SM90_MASKW=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,100,101,127 PA_TEST_CASES=40 PA_TEST_SEED=6861 \
    timeout 100 v_pm/test_gpu > "$T/pm1_runs.log" 2>&1 &
PA_SM90_MASKW=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=6862 timeout 100 v_pm/test_gpu > "$T/pm1_sm90.log" 2>&1 &
wait
test_summary
for pass in $(seq 1 "${PASSES:-4}"); do
    for m in m0 m1 lib; do
        b=v_pm; [ $m = lib ] && b=build
        env PA_SM90_MASKW=${m#m} timeout 100 python3 bench/pa_ncu.py --pa "$b/pa-bench" --dims 128 --pages 51,100 --causal 1 --iters 2 \
            --pa-extra="--kv-copy-limit 0" --out "$T/h_${m}_$pass" > "$T/h_${m}_$pass.txt" 2>&1
        echo "$m $pass: $(grep -h '^ *[0-9]' "$T/h_${m}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
    done
done
python3 bench/wip_sm90/ab_table.py "$T" h m0 m1 lib --passes "${PASSES:-4}" | tee -a "$O/summary.txt"
dev_end logs_s68f
