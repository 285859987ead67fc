#!/bin/bash
# Session 67: M96's first GPU run (clusters of two CTAs sharing the d64 PAIR boxes by multicast,
# pa__sm90_cluster, one binary: build/). Tests forced sm90 at d64 with clusters on every PAIR page
# (PA_TEST_SM90_CLUSTER=2) and on 8-row pages (=1), memcheck and racecheck with clusters; then, if
# they all pass, ncu passes of pa-bench --cluster 0 / 2 alternated (d64, both masks, pages 8 / 16,
# the contiguous rows as the base) while one fits before NCU_S (default 170) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67c /nonexistent   # (always unpack: build/ may hold an older pa-bench)
G="PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64"
env $G PA_TEST_SM90_CLUSTER=2 PA_TEST_CASES=60 PA_TEST_SEED=6701 timeout 100 build/test_gpu > "$T/cl2.log" 2>&1 &
env $G PA_TEST_SM90_CLUSTER=2 PA_TEST_PAGES=8,16,32,64,128,256 PA_TEST_CASES=60 PA_TEST_SEED=6702 timeout 100 build/test_gpu > "$T/cl2pages.log" 2>&1 &
env $G PA_TEST_SM90_CLUSTER=1 PA_TEST_PAGES=8,1,3,17,100,672 PA_TEST_CASES=40 PA_TEST_SEED=6703 timeout 100 build/test_gpu > "$T/cl1.log" 2>&1 &
env PA_TEST_HEAD_DIM=64 PA_TEST_SM90_CLUSTER=1 PA_TEST_CASES=40 PA_TEST_SEED=6704 timeout 100 build/test_gpu > "$T/cl1auto.log" 2>&1 &
wait
env $G PA_TEST_SM90_CLUSTER=2 PA_TEST_PAGES=8,16 PA_TEST_CASES=4 PA_TEST_SEED=6705 timeout 100 \
    compute-sanitizer --tool memcheck build/test_gpu > "$T/cl_mc.log" 2>&1 &
env $G PA_TEST_SM90_CLUSTER=2 PA_TEST_PAGES=8,16 PA_TEST_CASES=3 PA_TEST_SEED=6706 PA_TEST_LONG_RANGE=0 timeout 100 \
    compute-sanitizer --tool racecheck build/test_gpu > "$T/cl_rc.log" 2>&1 &
wait
test_summary
if grep -q " 0 failed" "$T/cl2.log" && grep -q " 0 failed" "$T/cl2pages.log" && grep -q " 0 failed" "$T/cl1.log"; then
    for pass in 1 2 3 4; do
        [ $(( $(date +%s) - t0 )) -lt ${NCU_S:-170} ] || break
        for c in 0 2; do
            timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 64 --pages 8,16 --causal both --iters 2 \
                --pa-extra="--kv-copy-limit 0 --cluster $c" --out "$T/n_c${c}_$pass" > "$T/n_c${c}_$pass.txt" 2>&1
            echo "cluster $c pass $pass: $(grep -h '^ *[0-9]' "$T/n_c${c}_$pass.txt" | awk '{printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
        done
    done
fi
dev_end logs_s67c
