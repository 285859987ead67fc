#!/bin/sh
# pa-bench's pool layouts on the CPU backend (a small shape, every row checked against the double
# reference by pa-bench itself): NHD and HND pages (--layout), pages spaced apart in the pool
# (--page-gap; --kv-pairs, the page stride of a pool whose pages hold K then V), tables shuffled
# only inside blocks (--frag-block 1 = pool order), and the tables --dump-tables writes (each
# sequence's row of distinct pool pages); bad --layout / --page-gap values are refused.
# usage: sh tests/bench_layouts.sh BUILD_DIR      last line: "N passed, N failed"
build=${1:-build}
passed=0
failed=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
run() {   # NAME ARGS...
    name=$1; shift
    if "$build/pa-bench" --backend cpu --batch 2 --heads 2 --seqlen 96 --dims 64 --pages 1,3,16,40 \
        --causal both --iters 1 --warmup 0 --prefill-only "$@" >"$dir/out" 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL pa-bench $name: $*"; cat "$dir/out"
    fi
}
run gap5 --page-gap 5
run gap16 --page-gap 16 --table frag
run block1 --frag-block 1 --table frag
run block3-gap3 --frag-block 3 --page-gap 3
run hnd --layout hnd --table frag
run hnd-gap8 --layout hnd --page-gap 8
run kvpairs --kv-pairs --table frag
run hnd-kvpairs --layout hnd --kv-pairs --frag-block 2
run dump --table frag --dump-tables "$dir/t"
# each dumped table: 2 rows (sequences) of ceil(96 / page) ids, all distinct, inside the pool
for p in 1 3 16 40; do
    for c in 0 1; do
        f="$dir/t_d64_c${c}_p$p.txt"
        if [ -f "$f" ] && awk -v pps=$(( (96 + p - 1) / p )) -v np=$(( 3 * 2 * 96 / p )) '
            /^#/ { next }
            { rows++; if (NF != pps) bad = 1; for (i = 1; i <= NF; i++) { if ($i < 0 || $i >= np || seen[$i]++) bad = 1 } }
            END { exit !(rows == 2 && !bad) }' "$f"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1)); echo "FAIL dumped table $f"; cat "$f" 2>/dev/null | head -3
        fi
    done
done
# values pa-bench must refuse (exit 2, naming the option) rather than bench another layout
for bad in "--layout HND" "--page-gap -3"; do
    if "$build/pa-bench" --backend cpu $bad >"$dir/out" 2>&1; then rc=0; else rc=$?; fi
    if [ "$rc" = 2 ] && grep -q -- "${bad%% *}" "$dir/out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL pa-bench $bad: exit $rc"; cat "$dir/out"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
