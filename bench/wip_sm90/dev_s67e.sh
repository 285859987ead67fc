#!/bin/bash
# Session 67: M96's cost split further: v_unc (-DSM90_CL_UNCOUPLED: the CL instance's code and the
# cluster launch with every CTA solo, no remote arrival, no multicast) against build and v_nomc
# (the coupling without multicast), pa-bench --cluster 0 / 2 under ncu, d64 both masks, page 8.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67e /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=30 PA_TEST_SEED=6721 timeout 100 v_unc/test_gpu > "$T/unc_cl2.log" 2>&1
test_summary
for pass in 1 2; do
    for v in build v_unc v_nomc; do
        for c in 0 2; do
            [ $v != build ] && [ $c = 0 ] && continue
            timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 8 --causal both --iters 2 \
                --pa-extra="--kv-copy-limit 0 --cluster $c" --out "$T/n_${v}_c${c}_$pass" > "$T/n_${v}_c${c}_$pass.txt" 2>&1
            echo "$v cluster $c pass $pass: $(grep -h '^ *[0-9]' "$T/n_${v}_c${c}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
        done
    done
done
dev_end logs_s67e
