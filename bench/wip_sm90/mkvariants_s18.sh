#!/bin/bash
# Session 17: key tiles of 176 for d128 contiguous non-causal calls (SM90_N176; see the knob's
# comment in prefill_sm90.cu). build_N176 = the committed kernels plus the two W instances
# (<128, bf16|f16, TMA, PAIR, W>), which those calls take. Then bench/wip_sm90/dev_s17n.sh with
# carry .carry/bins.tar.xz.
. "$(dirname "$0")/mkvariant_lib.sh"
mk build_N176 -DSM90_N176=1
mkdir -p .carry && tar cJf .carry/bins.tar.xz build/test_gpu build/pa-bench build/libpagedattn.so \
    build_N176/test_gpu build_N176/pa-bench build_N176/libpagedattn.so && ls -la .carry/bins.tar.xz
