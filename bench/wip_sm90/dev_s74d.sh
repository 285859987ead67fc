#!/bin/bash
# Session 74, call d: the last wave of d256 non-causal calls with the copy beside. 3.5c: without
# waits, the copy beside still costs +2.5..2.7% at 4 kv heads (134 MB), where the bytes' share is
# small, and +3.4..3.6 at 16. Model: the copy's blocks hold 16 SMs for ~5 CTA times (~82 CTA slots
# at 16 kv heads), so the grid's last wave is ~(4096 + 82) % 132 = 86 CTAs, not M39's 4, and ~46 SMs
# idle for a CTA time (~1%); at 4 kv heads ~(4096 + 21) % 132 = 25 CTAs (~2.4%). M94's plan (the
# pieces for the copy beside) is off at d256 since 3.3z (slower at page 51). Here: M39 (default)
# against M94 (--tail-beside 2) and forced cuts (--tail-units U --tail-splits S), d256 non-causal
# pages 9 / 33, 16 and 4 kv heads, two rounds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t74d build/pa-bench
for r in $(seq 1 "${ROUNDS:-2}"); do
    for kv in 16 4; do
        A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages 9,33 --causal 0 --kv-heads $kv"
        $A 2>&1 | pa_row m39k$kv > /dev/null
        $A --tail-beside 2 2>&1 | pa_row m94k$kv > /dev/null
        if [ $kv = 16 ]; then set -- 86:2 86:3 130:2 44:2; else set -- 25:2 25:3 130:2; fi
        for us in "$@"; do
            $A --tail-beside 2 --tail-units ${us%:*} --tail-splits ${us#*:} 2>&1 | pa_row u${us%:*}s${us#*:}k$kv > /dev/null
        done
    done
done
paired_table "m39k16 m94k16 u86s2k16 u86s3k16 u130s2k16 u44s2k16"
paired_table "m39k4 m94k4 u25s2k4 u25s3k4 u130s2k4"
echo "bench done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s74d
