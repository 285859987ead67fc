#!/bin/bash
# Session 68: do the warp schedulers favour the CTA's first warps? v_pl (-DSM90_PROD_LAST=1: the
# producer warpgroup on the last hardware warps, each role on the same sub-partition) against the
# library: forced sm90 tests at d64 / d128, then PASSES (default 3) ncu passes of the causal rows
# at pages 8 / 100 (never copying), d64 and d128. v_pl's d64 PAIR / plain producers spill 24..32
# bytes (timing there is only indicative); its d128 page-8 / page-100 loops are spill-free.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t68a /nonexistent
for d in 64 128; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((6810 + d)) timeout 100 v_pl/test_gpu > "$T/pl_sm90_$d.log" 2>&1 &
done
wait
test_summary
ncu_passes "build v_pl" 330 "${PASSES:-3}" --dims 64,128 --pages 8,100 --causal 1 --iters 2
dev_end logs_s68a
