#!/bin/bash
# Prepared in session 38 (not run: no device time left). Carry .carry/bins.tar.xz with build/, build_IA
# (-DSM90_INC_AFTER=1: the consumers' setmaxnreg.inc after a named barrier the producers arrive on
# once their setmaxnreg.dec is done) and build_NS (-DSM90_NO_SETMAXNREG); repack on the development
# machine with `(. bench/wip_sm90/mkvariant_lib.sh && mk build_IA -DSM90_INC_AFTER=1 &&
# ALLOW_SPILLS=1 mk build_NS -DSM90_NO_SETMAXNREG && pack build_IA build_NS)`.
#   1. build_IA's tests (forced sm90 at each head_dim, 40 cases; automatic; racecheck and memcheck of
#      forced sm90 on pages 8 / 16 / 48 / 100 / 101) and the forced gather at each head_dim;
#   2. racecheck of the d64 TMA runs, build against build_IA alternated (sm90-only filter, 22 s):
#      the reproducer stalled 7 of 8 runs in order, 0 of 8 with the inc after the dec (3.2p);
#   3. if the tests passed, ncu A/B of build and build_IA, contiguous and pages 1 / 8 / 100, every
#      head_dim, causal both: one named barrier a CTA should not show (< 0.1%).
# If build_IA passes, does not stall and does not move the timing: make SM90_INC_AFTER=1 the default,
# run tests/sanitize.sh without NOSPLIT_DIR and the integrated benchmark (2.49) on the new library.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t39a build_IA/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((39100 + d)) \
        timeout 150 build_IA/test_gpu > "$T/IA_g$d.log" 2>&1 &
done
tma_variant_checks IA build_IA 39000 150
RC_STOP=300 d64_rc_rounds "build build_IA" 6 22 rc --kernel-name kns=sm90_prefill
rc_stalls rc "build build_IA"
ab_if_passed "build_IA_sm90_64 build_IA_sm90_128 build_IA_sm90_256 IA_auto IA_g64 IA_g128 IA_g256" "build build_IA" \
    --dims 64,128,256 --pages 1,8,100 --causal both
dev_end logs_s39a
