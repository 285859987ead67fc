#!/bin/bash
# Build (the knob left the source): git apply bench/wip_sm90/diag_p.patch, then mkvariant_lib.sh's
#   ALLOW_SPILLS=1 mk build_DP -DSM90_DIAG_P=1 (the d64 TMA instances spill 4 bytes: unused here), pack build_DP.
# Session 40: the TMA regimes' page-table loads cost about a point at d128 (s40f..h). How much of the
# cp.async gather's overhead are its per-row page-table loads? build_DP mode 1 now also replaces the
# gather's loads with pool-order pages (timing only). Test of mode 0 (forced gather d128), then ncu
# of the library (build/), build_DP mode 0 and mode 1, 2 passes, d64 / d128 / d256 non-causal, pages
# 1 / 3. Carry .carry/bins.tar.xz with build/ and build_DP/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t40i build_DP/pa-bench
env PA_SM90_DIAG_P=0 PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=30 PA_TEST_SEED=40901 \
    timeout 150 build_DP/test_gpu > "$T/DP0_g128.log" 2>&1
test_summary
run_one() {   # LABEL BUILD MODE PASS
    PA_SM90_DIAG_P=$3 timeout 100 python3 bench/pa_ncu.py --pa $2/pa-bench --dims 128,256,64 --causal 0 \
        --pages 1,3 --out "$T/h_$1_$4" > "$T/h_$1_$4.txt" 2>&1
}
for pass in 1 2; do
    run_one LIB build 0 $pass
    run_one G0 build_DP 0 $pass
    run_one G1 build_DP 1 $pass
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 bench/wip_sm90/ab_table.py "$T" h LIB G0 G1 | tee -a "$O/summary.txt"
for v in LIB G1; do echo "$v overheads:"; grep -h "^ *[0-9]" "$T/h_${v}_1.txt" "$T/h_${v}_2.txt"; done | tee -a "$O/summary.txt"
dev_end logs_s40i
