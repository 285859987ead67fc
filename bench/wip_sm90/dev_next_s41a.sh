#!/bin/bash
# Prepared in session 40 (compile-checked: 0 spills, 2 functions differ from the library in each
# variant; not run). M74 (3.2u: the 176-key PAIR instances' page lookups done once by producer warp 0
# and read by warps 1..3, -0.4..-1.6% at d128 non-causal pages 8..256) tried in the d64 and d256
# PAIR instances, whose page 8 rows miss the 3% bar (2.50: d64 +3.4..4.4, d256 +3.9 / ncu +5.0).
# Caution: M64 (the same records for page runs) lost at d256 because warp 1 then waited for warp 0's
# lookup before its boxes; d64's producer has 32 registers.
# Builds (a fresh checkout has no .carry): . bench/wip_sm90/mkvariant_lib.sh && mk build_P64
#   -DSM90_PAIR_SHARE_D64=1 && mk build_P256 -DSM90_PAIR_SHARE_D256=1 && pack build_P64 build_P256
# Then one device call (carry .carry; ~3 min + the cold start):
#   1. each variant's tests (tma_variant_checks: forced sm90 at every head_dim, automatic, racecheck
#      and memcheck at pages 8 / 16 / 48 / 100 / 101);
#   2. if they pass, ncu A/B of build, build_P64 and build_P256 at d64 and d256, causal both, PAIR
#      pages 8 / 16 / 32 / 64 / 128 and contiguous (each variant's other head_dim is a control).
# Adopt a variant only where it gains on its own head_dim's PAIR pages without losing elsewhere;
# then an integrated run (dev_next_s40l.sh's form) for RESULTS 2.51.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41a build_P256/pa-bench
tma_variant_checks P64 build_P64 41100 150
tma_variant_checks P256 build_P256 41200 150
ab_if_passed "build_P64_sm90_64 build_P64_sm90_128 build_P64_sm90_256 P64_auto build_P256_sm90_64 build_P256_sm90_128 build_P256_sm90_256 P256_auto" \
    "build build_P64 build_P256" --dims 64,256 --pages 8,16,32,64,128 --causal both
dev_end logs_s41a
