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
copy_checks "48000 48400 48500 48600" 1,3,8,16,48,51,64,100,128,200,256,672 30 128 100 build_CT 8,16,100
AB_PREFIX=mha ncu_ab "build build_CT" --dims 64,128,256 --pages 8,16,100 --causal both
AB_PREFIX=gqa ncu_ab "build build_CT" --dims 128 --pages 1,8,16,64,100,256 --causal both --pa-extra="--kv-heads 2"
dev_end logs_s44c
