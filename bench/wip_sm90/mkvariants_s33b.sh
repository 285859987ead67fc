#!/bin/bash
# Session 33, call 2's builds: build_WG = the 176-key d128 gather (SM90_WIDE_GATHER=1; last measured
# in session 21 at +15..16% over its contiguous launch), build_N128 = d128 non-causal contiguous on
# 128-key tiles (SM90_WIDE_ALL=0: the gather's own tile shape, the baseline that separates the
# gather's cost from the tile shape's). Carry .carry/bins.tar.xz for dev_next_s33b.sh.
. "$(dirname "$0")/mkvariant_lib.sh"
git diff --quiet src || { echo "src has changes: run on a clean tree"; exit 1; }
mk_two "build_WG -DSM90_WIDE_GATHER=1" "build_N128 -DSM90_WIDE_ALL=0"
