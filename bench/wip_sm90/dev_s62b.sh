#!/bin/bash
# Session 62: M92 (SM90_COPY_OV_SCALE_D128 = 1.5, host code only, SASS ed9512af; the default since
# session 62) against the model as it was (1.0): the copy beside's modelled cost at d128 times 1.5,
# so that d128 MHA non-causal page-run calls (dev_s62a: in place +3.3, the copy beside +3.7) read
# their pages in place while GQA calls still copy. Tests first, then pa-bench's default choices,
# 3 rounds alternating the builds. Not run in session 62 (every start refused).
# Build: . bench/wip_sm90/mkvariant_lib.sh; mk v_cal -DSM90_COPY_OV_SCALE_D128=1.0; pack v_cal
# (v_cal is then the old choice and build/ the library: the tests below run the library's binary)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t62b v_cal/pa-bench
PA_TEST_CASES=30 PA_TEST_SEED=62001 timeout 80 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=20 PA_TEST_SEED=62002 timeout 80 build/test_gpu > "$T/copy.log" 2>&1 &
wait
test_summary
for r in 1 2 3; do
    for v in build v_cal; do
        { $v/pa-bench --prefill-only --dims 128 --pages 51,100 --causal 0 --table frag
          $v/pa-bench --prefill-only --dims 128 --kv-heads 2 --pages 100 --causal 0 --table frag; } 2>&1 \
            | grep -E "^ *prefill .* frag " | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "done $(el)" | tee -a "$O/summary.txt"
