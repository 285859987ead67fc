#!/bin/bash
# Prepared in session 59 (not run): SM90_PAIR_STRIDED (src/cuda/sm90_plan.h), the PAIR layout's
# GLOBAL map for NHD pools whose pages lie apart (page stride a whole number of 8-token groups, the
# same for K and V, e.g. one tensor of K and V pages in turn). Host code only: the kernel's SASS
# must stay the library's. 3.3t measured such pools (pa-bench --page-gap 8) at +3.0..4.5% on the
# plain instances, against +0.9..2.6 for PAIR maps on a dense pool.
# Build here (host-only change: check that v_ps/src/cuda/prefill_sm90.o's SASS hash equals build/'s):
#   . bench/wip_sm90/mkvariant_lib.sh; mk v_ps -DSM90_PAIR_STRIDED=1; pack v_ps
# Tests: the library on gapped pools (automatic, forced sm90 with gaps of 8); v_ps forced sm90 at each head_dim with gaps of 8 and of the page (PA_TEST_PAGE_GAP=8 / -1)
# on PAIR pages, automatic, racecheck and memcheck with gaps; then ncu passes build / v_ps with
# --page-gap 8 (d128 pages 16 / 32 / 64 / 128, causal both; d64 and d256 pages 16 / 64 causal) and
# HND pools of K and V pages in turn (--layout hnd --kv-pairs: d128 pages 16 / 64, causal both),
# never copying, while a pass fits in NCU_S (default 230) s. Flip SM90_PAIR_STRIDED's default to 1
# if every test passes and the gapped rows gain; the dense rows run the same code (same maps).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t60a v_ps/pa-bench
P=8,16,32,48,64,128,256
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$P PA_TEST_PAGE_GAP=8 PA_TEST_CASES=30 PA_TEST_SEED=$((60000 + d)) \
        timeout 150 v_ps/test_gpu > "$T/ps_gap8_$d.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=$P PA_TEST_PAGE_GAP=-1 PA_TEST_CASES=30 PA_TEST_SEED=$((60500 + d)) \
        timeout 150 v_ps/test_gpu > "$T/ps_kvpair_$d.log" 2>&1 &
done
PA_TEST_CASES=40 PA_TEST_SEED=60900 timeout 150 v_ps/test_gpu > "$T/ps_auto.log" 2>&1 &
# the library itself (knob 0) on the harness's gapped pools (new in session 59, not yet run on a GPU)
PA_TEST_CASES=40 PA_TEST_SEED=60903 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=$P PA_TEST_PAGE_GAP=8 PA_TEST_CASES=30 PA_TEST_SEED=60904 timeout 150 build/test_gpu > "$T/gap8.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=16,64 PA_TEST_PAGE_GAP=8 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=60901 \
    timeout 200 compute-sanitizer --tool racecheck v_ps/test_gpu > "$T/ps_rc.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=16,128 PA_TEST_PAGE_GAP=-1 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=60902 \
    timeout 200 compute-sanitizer --tool memcheck --error-exitcode 99 v_ps/test_gpu > "$T/ps_mc.log" 2>&1 &
wait
test_summary
ncu_sets "build v_ps" ${NCU_S:-230} \
    "g --dims 128 --pages 16,32,64,128 --causal both --pa-extra=\"--kv-copy-limit 0 --page-gap 8\"" \
    "h --dims 64,256 --pages 16,64 --causal 1 --pa-extra=\"--kv-copy-limit 0 --page-gap 8\"" \
    "k --dims 128 --pages 16,64 --causal both --pa-extra=\"--kv-copy-limit 0 --layout hnd --kv-pairs\""
dev_end logs_s60a
