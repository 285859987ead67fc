#!/bin/bash
# Builds (M73 left the source): git apply bench/wip_sm90/mcast.patch, then mkvariant_lib.sh's mk with
#   -DSM90_MCAST=1 -DSM90_MC_ARRIVE=1 (the form these calls ran), and pack them.
# Session 40, M73's +18% (s40a) taken apart in one binary (build_MC): PA_SM90_MCAST=1 multicast
# (K by rank 0, V by rank 1, coupled empty barriers), 2 the coupled barriers alone (each CTA loads
# its own tiles, its empty barriers wait for both CTAs' consumers), 3 the cluster launch alone (CTAs
# independent). Tests of modes 2 and 3 (forced sm90 d128), then ncu of modes 0..3 alternated, 2
# passes, d128 non-causal pages 8 / 100 and contiguous. Carry .carry/bins.tar.xz.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40b build_MC/pa-bench
B=build_MC
for v in 2 3; do
    env PA_SM90_MCAST=$v PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=$((40200 + v)) timeout 150 \
        $B/test_gpu > "$T/MC${v}_sm90_128.log" 2>&1 &
done
wait
test_summary
grep -h "2-CTA clusters" "$T"/MC*.log | tee -a "$O/summary.txt"
for pass in 1 2; do
    for v in 0 1 2 3; do
        PA_SM90_MCAST=$v timeout 100 python3 bench/pa_ncu.py --pa $B/pa-bench --dims 128 --causal 0 \
            --pages 8,100 --out "$T/h_MC$v"_$pass > "$T/h_MC${v}_$pass.txt" 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" h MC0 MC1 MC2 MC3 | tee -a "$O/summary.txt"
dev_end logs_s40b
