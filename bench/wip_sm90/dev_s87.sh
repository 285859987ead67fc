#!/bin/bash
# Session 87's first call, one start for everything session 86 left (~520 s of a 600 s call):
# dev_s86b.sh's tests and M113's 8192 rows (ROUNDS=2, INTEGRATED=0; summary_b.txt), dev_s87a.sh
# (M118; summary_87a.txt), then dev_s71b.sh's integrated run (2.73) if LIMIT (default 560 s)
# leaves 220 s. Carry .carry (bins.tar.xz, qpf.tar.xz).
LIMIT=${LIMIT:-560}
O=${OUT:-/tmp/out}; mkdir -p "$O"
t00=$(date +%s)
ROUNDS=2 INTEGRATED=0 bash bench/wip_sm90/dev_s86b.sh > "$O/s86b.txt" 2>&1
bash bench/wip_sm90/dev_s87a.sh > "$O/s87a.txt" 2>&1
mv "$O/summary.txt" "$O/summary_87a.txt"
if [ $(( $(date +%s) - t00 + 220 )) -le "$LIMIT" ]; then
    COMPARE_S=420 bash bench/wip_sm90/dev_s71b.sh > "$O/integrated.txt" 2>&1
else
    echo "integrated skipped at $(( $(date +%s) - t00 ))s" > "$O/integrated.txt"
fi
grep -E "passed|failed|SUMMARY|ran as groups" "$O/summary_b.txt" | cut -c1-160 | head -12
grep -A30 "^d c page" "$O/summary_b.txt" | tail -40
grep -E "passed|failed|SUMMARY" "$O/summary_87a.txt" | cut -c1-160 | head -6
grep -A8 "^sk d causal" "$O/summary_87a.txt"
grep -E "failed|passed|SUMMARY|bench done|total|skipped" "$O/integrated.txt" | tail -12
