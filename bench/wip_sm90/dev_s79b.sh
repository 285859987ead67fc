#!/bin/bash
# Session 79, call b: where M108's (and M107's) time goes, non-causal d256 B4 H16 8k, fragmented
# tables, pa-bench paired rows (session 79's call a: loc +8.3..13.6, str +7.8..11.1, lib +2.4..3.8).
#   lib      the library at pages 8 / 40 (d256 PAIR boxes of 8 rows in place, no copy: the in-place
#            half of M108 with nothing else) and at 9 / 33 / 50 (the copy beside / runs)
#   loc      --straddle 2 (M108, the copy beside)
#   locf     --straddle 2 --copy-ctas -1 (the copy first, then the attention: no waits, all SMs)
#   locnw    --straddle 2 --copy-nowait 1 (beside, no waits: timing only)
#   strf     --straddle 1 --copy-ctas -1 (M107, the copy first)
# .carry/bins.tar.xz as dev_s78a.sh (build_str/pa-bench: SM90_STRADDLE=1).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t79b build_str/pa-bench
B=build_str
for r in $(seq 1 "${ROUNDS:-2}"); do
    A="$B/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --causal 0"
    $A --pages 8,40,9,33,50 2>&1 | pa_row lib > /dev/null
    $A --pages 9,33,50 --straddle 2 2>&1 | tee "$T/loc_$r.txt" | pa_row loc > /dev/null
    $A --pages 9,33,50 --straddle 2 --copy-ctas -1 2>&1 | tee "$T/locf_$r.txt" | pa_row locf > /dev/null
    $A --pages 9,33,50 --straddle 2 --copy-nowait 1 2>&1 | tee "$T/locnw_$r.txt" | pa_row locnw > /dev/null
    $A --pages 9,33,50 --straddle 1 --copy-ctas -1 2>&1 | tee "$T/strf_$r.txt" | pa_row strf > /dev/null
    for f in loc locf locnw strf; do
        grep -q "calls took the straddle-only copy" "$T/${f}_$r.txt" || echo "NOT TAKEN: $f round $r (the library's plan)"
    done | tee -a "$O/summary.txt"
    echo "round $r $(el)" | tee -a "$O/summary.txt"
done
paired_table "lib loc locf locnw strf"
dev_end logs_s79b
