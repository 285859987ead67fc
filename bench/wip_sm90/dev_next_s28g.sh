#!/bin/bash
# Session 28, call 7 (carry .carry/bins.tar.xz from mkvariants_s28g.sh): M62 inside the PAIR
# instances. Forced-sm90 tests of build_PI on pages 44 / 100 / 132 at d128 / d256, then the ncu A/B
# of build_R0 (plain runs), build (M62, own instances) and build_PI at contiguous, PAIR page 48 and
# run pages 44 / 100, d128 / d256, causal both.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28g build_PI/pa-bench
for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_PAGES=44,100,132 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((9100 + d)) \
        timeout 100 build_PI/test_gpu > $T/PI_$d.log 2>&1 &
done
wait
test_summary
ab_if_passed "PI_128 PI_256" "build_R0 build build_PI" --dims 128,256 --pages 44,48,100 --causal both
dev_end logs_s28g
