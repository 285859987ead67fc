#!/bin/bash
# Session 59: dev_s59e's A/B was void. Rebuilding v_aw/pa-bench for --page-gap also rebuilt v_aw's
# library without its NVEXTRA (the kernel source was newer), so "v_aw" there was the library
# itself (an A/A run: every row within 0.3%). Here build/ is the library with
# SM90_PROD_ALLWAIT_D128=2 as its default (M89, the same d128 SASS as v_aw), and v_lib/pa-bench
# the library before it (e10f04e2). Tests of build/ first (automatic, forced sm90 d128), then ncu
# passes v_lib / build at d128, causal both, never copying: pages 16 / 32 / 64 / 128 with
# --page-gap 8 (plain boxes and page runs), and pages 44 / 100 with the usual pool (page runs).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59f build/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=59160 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=59161 timeout 90 build/test_gpu > "$T/sm90_128.log" 2>&1 &
wait
test_summary
per=0
for pass in 1 2 3 4 5 6 7 8; do
    s=$(date +%s)
    [ "$pass" -gt 1 ] && [ $(( ${NCU_S:-170} - s + t0 )) -lt "$per" ] && break
    for v in v_lib build; do
        timeout 120 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 128 --pages 16,32,64,128 --causal both \
            --pa-extra="--kv-copy-limit 0 --page-gap 8" --out "$T/g_${v}_$pass" > "$T/g_${v}_$pass.txt" 2>&1
        timeout 120 python3 bench/pa_ncu.py --pa "$v/pa-bench" --dims 128 --pages 44,100 --causal both \
            --pa-extra="--kv-copy-limit 0" --out "$T/r_${v}_$pass" > "$T/r_${v}_$pass.txt" 2>&1
        echo "$v $pass: $(grep -h '^ *[0-9]' "$T/g_${v}_$pass.txt" "$T/r_${v}_$pass.txt" | awk '$3 != "-" {printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
    done
    per=$(( $(date +%s) - s + 3 )); np=$pass
    echo "ncu pass $pass $(el) (${per}s)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" g v_lib build --passes $np | tee -a "$O/summary.txt"
python3 bench/wip_sm90/ab_table.py "$T" r v_lib build --passes $np | tee -a "$O/summary.txt"
dev_end logs_s59f
