#!/bin/bash
# Session 59: does the paged overhead depend on the fragmented table itself? pa-bench draws every
# row's table from one running generator, so the integrated run (pages 1..672 in turn) and
# ncu_passes (--pages 44,100) time different tables at page 100: d128 non-causal page 100 read
# +1.5% in 2.60's ncu step and +3.0..3.5% in all 8 of dev_s59b's passes of the same SASS.
# Here: bench/pa_ncu.py per pa-bench --seed (tables dumped with --dump-tables), each seed twice
# (the same seed gives the same table, so the repeat is the measurement's own spread), at d128
# page 100 causal both, d256 page 100 causal and d64 page 8 causal; then d128 page 100 with
# --frag-block 1 / 8 / 64 (pages shuffled only inside blocks of that many pages; 1 = pool order).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t59c build/pa-bench
mkdir -p "$O/tables"
one() {   # TAG DIMS PAGES CAUSAL PA_EXTRA
    timeout 60 python3 bench/pa_ncu.py --pa build/pa-bench --dims "$2" --pages "$3" --causal "$4" \
        --pa-extra="--kv-copy-limit 0 $5" --out "$T/$1" > "$T/$1.txt" 2>&1
    echo "$1: $(grep -h '^ *[0-9]' "$T/$1.txt" | awk '$3 != "-" {printf "%s/%s/%s %s|%s %s  ", $1,$2,$3,$4,$5,$6}')" | tee -a "$O/summary.txt"
}
for rep in 1 2; do
    for s in 1 2 3 4 5 6 7 8 9 10; do
        one "d128_s${s}_r$rep" 128 100 both "--seed $s --dump-tables $O/tables/s$s"
    done
    echo "d128 sweep $rep $(el)" | tee -a "$O/summary.txt"
done
for rep in 1 2; do
    for s in 1 2 3 4 5 6; do
        one "d256_s${s}_r$rep" 256 100 1 "--seed $s --dump-tables $O/tables/s$s"
        one "d64_s${s}_r$rep" 64 8 1 "--seed $s --dump-tables $O/tables/s$s"
    done
    echo "d256/d64 sweep $rep $(el)" | tee -a "$O/summary.txt"
done
for rep in 1 2; do
    for fb in 1 8 64; do
        one "d128_fb${fb}_r$rep" 128 100 both "--frag-block $fb"
    done
done
echo "frag-block $(el)" | tee -a "$O/summary.txt"
dev_end logs_s59c
