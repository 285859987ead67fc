#!/bin/bash
# Session 67: why M96's clusters cost d64 page 8 / 16 +7..8 points (dev_s67c). Builds: build (2
# stages), v_s4 (-DSM90_STAGES_D64=4: a deeper ring to absorb the two CTAs' coupling), v_nomc
# (-DSM90_CL_NOMC: the coupling alone, each CTA loading its whole tiles, no multicast). Each with
# pa-bench --cluster 0 / 2 under ncu (d64, both masks, pages 8 / 16), PASSES passes (default 2);
# v_s4's tests with clusters first.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67d /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=40 PA_TEST_SEED=6711 timeout 100 v_s4/test_gpu > "$T/s4_cl2.log" 2>&1 &
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=40 PA_TEST_SEED=6712 timeout 100 v_nomc/test_gpu > "$T/nomc_cl2.log" 2>&1 &
wait
test_summary
for pass in $(seq 1 "${PASSES:-2}"); do
    for v in build v_s4 v_nomc; do
        for c in 0 2; do
            timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 8,16 --causal both --iters 2 \
                --pa-extra="--kv-copy-limit 0 --cluster $c" --out "$T/n_${v}_c${c}_$pass" > "$T/n_${v}_c${c}_$pass.txt" 2>&1
            echo "$v cluster $c pass $pass: $(grep -h '^ *[0-9]' "$T/n_${v}_c${c}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
        done
    done
done
dev_end logs_s67d
