#!/bin/bash
# Session 76, call b: where M107's time goes (d256 B4 H16 8k causal, pa-bench paired rows): the
# library at pages 8 / 40 (PAIR boxes of 8 rows, 8 a tile: the in-place part of M107 with no copy),
# and at 33 / 50 the library, --straddle 1, and --straddle 1 --copy-nowait 1 (the copy's bytes
# without its waits); pa-bench's stderr says how many calls took M107.
# Needs a build with M107 (SM90_STRADDLE=1, off in the library since its rejection):
#   make -j2 BUILD=build_str NVEXTRA=-DSM90_STRADDLE=1 build_str/pa-bench
#   tar cJf .carry/bins_str.tar.xz --transform 's,^build_str/,build/,' build_str/pa-bench
# (its default path is the library's: the old instances' SASS is unchanged by the knob).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t76b build/pa-bench
tar xJf .carry/bins_str.tar.xz || { echo "no .carry/bins_str.tar.xz"; exit 1; }
for r in 1 2; do
    A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 1"
    $A --pages 8,40,33,50 2>&1 | pa_row lib > /dev/null
    $A --pages 33,50 --straddle 1 2>&1 | tee "$T/str_$r.txt" | pa_row str > /dev/null
    $A --pages 33,50 --straddle 1 --copy-nowait 1 2>&1 | pa_row strnw > /dev/null
    grep "straddle" "$T/str_$r.txt" | tee -a "$O/summary.txt"
done
paired_table "lib str strnw"
dev_end logs_s76b
