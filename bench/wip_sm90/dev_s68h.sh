#!/bin/bash
# Session 68: the d128 PAIR producer-form search (bench/wip_sm90/mkvariants_s68h.sh): forced sm90
# d128 tests of the new forms, then ncu (never copying) d128 causal contiguous / page 8, PASSES
# passes (default 3) alternating the library, v_w0 (M97 at d128, 3.4g) and v_sa .. v_sf. The
# consumer parts: v_w0 = v_sb = v_sc, the others each their own, the library's its own.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68h /nonexistent
s=6880
for v in v_sa v_sb v_sd v_sf; do
    s=$((s + 1))
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=25 PA_TEST_SEED=$s timeout 100 $v/test_gpu > "$T/${v}_sm90_128.log" 2>&1 &
done
wait
test_summary
ncu_passes "build v_w0 v_sa v_sb v_sc v_sd v_se v_sf" 400 "${PASSES:-3}" --dims 128 --pages 8 --causal 1 --iters 2
dev_end logs_s68h
