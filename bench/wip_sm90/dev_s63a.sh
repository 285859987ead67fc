#!/bin/bash
# Session 63: session 62's dev_s62b (M92's A/B; never run, removed) with d256 added. Three
# builds, the same kernels (SASS ed9512af), differing only in the host's copy estimate
# (sm90_copy_blocks):
#   build   the library: SM90_COPY_OV_SCALE_D128 = 1.5 (M92), SM90_COPY_OV_SCALE_D256 = 1.0
#   v_cal   D128 = 1.0 (the choice before M92: d128 MHA non-causal page-run calls copy beside)
#   v_256   D256 = 1.5 (d256 MHA non-causal page-run calls read in place; 3.3v: +0.3..2.0 in
#           place against +2.5..3.7 for the copy beside at page 100)
# Tests first (the library's and v_256's automatic lists, the library forced to the copy beside
# at d128 and d256), then pa-bench's default choices, ROUNDS rounds (default 4) alternating the
# builds: d128 / d256 non-causal pages 51 / 100 and GQA 16 / 2 page 100 (which should not change).
# About 260 s; carry .carry (bins.tar.xz of build/, v_cal, v_256).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t63a v_256/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=63001 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=63002 timeout 90 v_256/test_gpu > "$T/v256_auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=63003 timeout 90 build/test_gpu > "$T/copy128.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 PA_TEST_SEED=63004 timeout 90 build/test_gpu > "$T/copy256.log" 2>&1 &
wait
test_summary
for r in $(seq 1 "${ROUNDS:-4}"); do
    echo "round $r $(el)" | tee -a "$O/summary.txt"
    for v in build v_cal v_256; do
        { $v/pa-bench --prefill-only --dims 128,256 --pages 51,100 --causal 0 --table frag
          $v/pa-bench --prefill-only --dims 128,256 --kv-heads 2 --pages 100 --causal 0 --table frag; } 2>&1 \
            | grep -E "^ *prefill .* frag " | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
