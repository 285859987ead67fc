#!/bin/bash
# Session 59: v_aw (-DSM90_PROD_ALLWAIT_D128=2) gained on d128's page-run pages in dev_s59d. It
# also changes the plain-layout instances that serve whole-tile / per-page boxes when the pool's
# page stride rules out the PAIR maps (e.g. a pool whose pages hold K then V). pa-bench --page-gap 8
# puts 8 tokens between pages, so pages 16 / 32 / 128 take plain boxes and 64 page runs. Tests of
# v_aw there (forced sm90 d128, racecheck), then ncu passes build / v_aw at d128, causal both,
# never copying, while a pass fits in NCU_S (default 200) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59e v_aw/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=16,32,64,128 PA_TEST_CASES=30 PA_TEST_SEED=59150 timeout 120 v_aw/test_gpu > "$T/v_aw_boxes.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=16,64 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=59151 timeout 150 \
    compute-sanitizer --tool racecheck v_aw/test_gpu > "$T/rc_aw_boxes.log" 2>&1 &
wait
test_summary
per=0
for pass in 1 2 3 4 5 6 7 8; do
    s=$(date +%s)
    [ "$pass" -gt 1 ] && [ $(( ${NCU_S:-200} - s + t0 )) -lt "$per" ] && break
    for v in build v_aw; do
        timeout 120 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 128 --pages 16,32,64,128 --causal both \
            --pa-extra="--kv-copy-limit 0 --page-gap 8" --out "$T/g_${v}_$pass" > "$T/g_${v}_$pass.txt" 2>&1
        echo "$v $pass: $(grep -h '^ *[0-9]' "$T/g_${v}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s %s  ", $1,$2,$3,$4,$5,$6,$7$8$9$10$11$12}')" | tee -a "$O/summary.txt"
    done
    per=$(( $(date +%s) - s + 3 )); np=$pass
    echo "ncu pass $pass $(el) (${per}s)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" g build v_aw --passes $np | tee -a "$O/summary.txt"
dev_end logs_s59e
