#!/bin/bash
# Prepared in session 43, not run. bench/wip_sm90/copy_tma.patch (build_CT, SM90_COPY_TMA=1): the
# copy may replace the TMA regimes too where the estimate says so (with the benchmark's MHA shapes
# only d64 non-causal page 8 switches; with GQA, 8 query heads a kv head, every page size does).
# Build first on the development machine:
#   git apply bench/wip_sm90/copy_tma.patch && make -j2 BUILD=build_CT all build_CT/test_gpu \
#     build_CT/pa-bench && git checkout -- src && (. bench/wip_sm90/mkvariant_lib.sh && pack build_CT)
# Tests of build_CT with the copy forced on every paged call (PA_TEST_SM90_COPY=1 now reaches the TMA
# pages too), automatic, memcheck; then ncu A/B (library against build_CT's estimate): the MHA rows
# (pages 8 / 16 / 100, each head_dim) and GQA d128 H16 over 2 kv heads (pages 1 / 8 / 16 / 64 / 100 /
# 256), causal both. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44c build_CT/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((48000 + d)) \
        timeout 100 build_CT/test_gpu > "$T/ct_copy_$d.log" 2>&1 &
done
PA_TEST_CASES=60 PA_TEST_SEED=48500 timeout 100 build_CT/test_gpu > "$T/ct_auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_PAGES=8,16,100 PA_TEST_CASES=3 PA_TEST_SEED=48600 \
    timeout 100 compute-sanitizer --tool memcheck --error-exitcode 99 build_CT/test_gpu > "$T/ct_mc.log" 2>&1 &
wait
test_summary
AB_PREFIX=mha ncu_ab "build build_CT" --dims 64,128,256 --pages 8,16,100 --causal both
AB_PREFIX=gqa ncu_ab "build build_CT" --dims 128 --pages 1,8,16,64,100,256 --causal both --pa-extra="--kv-heads 2"
dev_end logs_s44c
