#!/bin/bash
# Session 67: is the rest of v_unb's cost (M96's CL instance uncoupled, no cluster barrier: +7.1..7.7
# against +3.2) the per-thread empty arrivals with a register count (SYNCS.ARRIVE.TRANS64.ART0, two
# units each) where the library's arrive with an immediate 1 (A1T0)? v_uni (-DSM90_CL_IMM: one or two
# immediate arrivals instead) against v_unb and build (--cluster 0), ncu, d64 both masks, page 8,
# PASSES passes (default 2).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67h /nonexistent
env PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=30 PA_TEST_SEED=6741 timeout 100 v_uni/test_gpu > "$T/uni_cl2.log" 2>&1
test_summary
for pass in $(seq 1 "${PASSES:-2}"); do
    for vc in build:0 v_unb:2 v_uni:2; do
        v=${vc%:*}; c=${vc#*:}
        timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 8 --causal both --iters 2 \
            --pa-extra="--kv-copy-limit 0 --cluster $c" --out "$T/n_${v}_$pass" > "$T/n_${v}_$pass.txt" 2>&1
        echo "$v cluster $c pass $pass: $(grep -h '^ *[0-9]' "$T/n_${v}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
    done
done
dev_end logs_s67h
