#!/bin/bash
# Session 81, call g: M111's copy estimate under GQA. The new d64 in-place figure (0.016) moves some
# GQA calls from the copy beside to page runs in place (e.g. 32 / 16 heads causal). d64 B4 32 heads
# over 16 and 8 kv heads, both masks, pages 9..15 / 33 / 100, the library's choices: lib (f70fdaa)
# against old (-DSM90_RUNS_SPLIT_D64=0), two rounds. .carry/bins.tar.xz as dev_s81e.sh.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81g build_old/pa-bench
for r in 1 2; do
    for hk in 16 8; do
        A="--prefill-only --table frag --no-check --iters 10 --dims 64 --kv-heads $hk --pages 9,10,11,12,13,14,15,33,100"
        build/pa-bench $A 2>&1 | pa_row lib$hk > /dev/null
        build_old/pa-bench $A 2>&1 | pa_row old$hk > /dev/null
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib16 old16 lib8 old8"
dev_end logs_s81g
