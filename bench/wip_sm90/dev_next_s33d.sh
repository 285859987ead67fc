#!/bin/bash
# Session 33, call 4 (carry .carry/bins.tar.xz from mkvariants_s33d.sh: build = the library with
# M71; build_QW = M71's uniform Q descriptor in the 176-key kernels too, SM90_QDESC_SHFL_W=1):
#   1. tests of build (build_checks: automatic, forced sm90 and gather at each head_dim, the d256
#      gather's pages, tail pieces, racecheck, memcheck), the d256 gather with 64-bit offsets,
#      racecheck of the d128 gather, QW forced to sm90 at d128;
#   2. the integrated benchmark (dev_s14f.sh PHASE=bench): 2.47;
#   3. if time is left, ncu A/B of QW against build at d128 non-causal, contiguous and pages 8 / 16 / 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t33d build/pa-bench
integrated_checks 33400
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=33502 timeout 150 build_QW/test_gpu > $T/QW_sm90.log 2>&1 &
wait
test_summary
dev_end logs_s33d
AB_PREFIX=w128 integrated_bench 470 "QW_sm90" "build build_QW" --dims 128 --pages 8,16,100 --causal 0
dev_end logs_s33d_ab
