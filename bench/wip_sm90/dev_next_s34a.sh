#!/bin/bash
# Prepared in session 33 (carry .carry/bins.tar.xz from mkvariants_s34.sh; build = the library,
# session 33's all-lane plan arrivals included): the d128 gather's rings 3 stages deep (V3: K 2 / V 3; K3: K 3 /
# V 2; KV3: both 3; arrivals not deferred). Session 33's profile (RESULTS 3.2k, 2_profile/): the
# gather's consumers retry their K-full wait ~2 times a tile (4.1M retries for 2.06M waits; the
# 128-key TMA kernel's never retry) and their V-full wait almost never (1923).
#   1. tests of each variant forced to the d128 gather (default list, pages 1..17), racecheck and
#      memcheck of V3;
#   2. if they pass, ncu A/B at pages 1 / 3 / 4 and contiguous, d128, causal both (~70 s);
#   3. per-tile traces of the gather and contiguous (build_T, build_TKV; ~1 min).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t34a build_V3/pa-bench
gather_variant_tests "V3 K3 KV3" 128 34100 120
G="PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=128"
env $G PA_TEST_PAGES=1,3 PA_TEST_CASES=2 PA_TEST_SEED=34102 timeout 150 compute-sanitizer --tool racecheck build_V3/test_gpu > $T/V3_rc.log 2>&1 &
env $G PA_TEST_PAGES=1,5 PA_TEST_CASES=3 PA_TEST_SEED=34103 timeout 150 compute-sanitizer --tool memcheck build_V3/test_gpu > $T/V3_mc.log 2>&1 &
wait
test_summary
AB_PREFIX=g128 ab_if_passed "V3_g V3_gpages K3_g K3_gpages KV3_g KV3_gpages" "build build_V3 build_K3 build_KV3" --dims 128 --pages 1,3,4 --causal both
# 3. per-tile traces (trace builds, the first 64 CTAs' tiles 4..30): gather page 1 and contiguous,
#    d128 non-causal and causal; TT_KV splits the full waits into K's and V's
for v in T TKV; do
    kv=""; [ $v = TKV ] && kv=1
    TT_KV=$kv PAGEDATTN_LIBRARY=$PWD/build_$v/libpagedattn.so timeout 150 python3 bench/wip_sm90/trace.py \
        128:8192:8192:0:1 128:8192:8192:0 128:8192:8192:1:1 128:8192:8192:1 2>&1 | grep -v Warn > $T/trace_$v.txt
    echo "trace $v $(el)" | tee -a "$O/summary.txt"
done
grep -A12 "per tile" $T/trace_TKV.txt | head -60
dev_end logs_s34a
