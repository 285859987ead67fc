#!/bin/bash
# Session 68: M64's plan hand-over at d128 page runs, asked in one binary. v_ns
# (-DSM90_PROBE_NOSHARE; its main d128 plain instance has the library's consumer SASS, checked by
# sass_split.py): PA_SM90_NOSHARE=1 makes every producer warp plan its own runs and look up its own
# pages (no records, no hand-over waits), 0 keeps M64's hand-over. Tests of mode 1 (forced sm90 d128
# run pages, racecheck pages 44 / 100), then ncu (never copying) d128 causal pages 44 / 51 / 77 /
# 100 / 127 with contiguous, PASSES (default 4) passes alternating mode 0 / mode 1 / the library.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68i /nonexistent
PA_SM90_NOSHARE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,51,77,100,101,127 PA_TEST_CASES=40 PA_TEST_SEED=6891 \
    timeout 100 v_ns/test_gpu > "$T/ns1_runs.log" 2>&1 &
PA_SM90_NOSHARE=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=44,100 PA_TEST_CASES=2 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=6892 \
    timeout 100 compute-sanitizer --tool racecheck v_ns/test_gpu > "$T/ns1_rc.log" 2>&1 &
wait
test_summary
for pass in $(seq 1 "${PASSES:-4}"); do
    for m in s0 s1 lib; do
        b=v_ns; [ $m = lib ] && b=build
        env PA_SM90_NOSHARE=${m#s} timeout 100 python3 bench/pa_ncu.py --pa "$b/pa-bench" --dims 128 --pages 44,51,77,100,127 --causal 1 \
            --iters 2 --pa-extra="--kv-copy-limit 0" --out "$T/h_${m}_$pass" > "$T/h_${m}_$pass.txt" 2>&1
        echo "$m $pass: $(grep -h '^ *[0-9]' "$T/h_${m}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
    done
done
python3 bench/wip_sm90/ab_table.py "$T" h s0 s1 lib --passes "${PASSES:-4}" | tee -a "$O/summary.txt"
dev_end logs_s68i
