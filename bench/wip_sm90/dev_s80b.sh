#!/bin/bash
# Session 80, call b: where M109's cost comes from (call a: d128 causal 9..15 +6.7..8.4 against the
# same build without it +2.3..3.9; d256 +20% at every page). pa__sm90_ft modes (p.ft_mode): 1 as
# built; 2 no flag reads, every whole tile from its pages and stored; 3 no flag reads, every whole
# tile from the copy (wrong results: timing only); 4 flags read by ld.acquire and ignored, nothing
# stored; 5 flags read relaxed, no proxy fence before the copy's boxes. Plus build_t256 (the d256
# run table without M109) against build_ft's in-place rows, to tell whether M109's code or the
# d256 table itself made call a's d256 in-place rows slow (+10..34).
# .carry/bins.tar.xz: build/pa-bench (library), build_ft/pa-bench (SM90_FT=1 SM90_RUN_TABLE_D256=1),
# build_t256/pa-bench (SM90_RUN_TABLE_D256=1).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t80b build_ft/pa-bench
B=build_ft
for r in $(seq 1 "${ROUNDS:-2}"); do
    for spec in "128 1 9,12,15" "128 0 9,100" "256 1 17,33,100"; do
        set -- $spec
        A="--prefill-only --table frag --no-check --iters 10 --dims $1 --causal $2 --pages $3"
        build/pa-bench $A 2>&1 | pa_row lib > /dev/null
        $B/pa-bench $A 2>&1 | pa_row ft0 > /dev/null
        for m in 1 2 3 4 5; do $B/pa-bench $A --ft $m 2>&1 | pa_row m$m > /dev/null; done
        [ "$1" = 256 ] && build_t256/pa-bench $A 2>&1 | pa_row t256 > /dev/null
    done
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib ft0 m1 m2 m3 m4 m5 t256"
dev_end logs_s80b
