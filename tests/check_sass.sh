#!/bin/sh
# What issue #4 asks of the compiled Hopper kernel, checked on the build's own objects (no GPU
# needed, only cuobjdump):
#   - the Hopper objects' kernels (prefill_sm90.o, kv_copy.o) spill nothing: STACK 0 and LOCAL 0
#     in cuobjdump -res-usage (ptxas's spill stores land in STACK); the other objects' frames
#     are listed, not checked (the portable sm80 prefill spills 8..80 bytes in some instances);
#   - every sm90 prefill instance issues wgmma (HGMMA);
#   - its TMA instances load by TMA (UTMALDG), its gather instances by cp.async (LDGSTS).
# usage: sh tests/check_sass.sh BUILD_DIR      last line: "N passed, N failed"
build=${1:-build}
dir=$build/src/cuda
if ! command -v cuobjdump >/dev/null 2>&1 || [ ! -f "$dir/prefill_sm90.o" ]; then
    echo "check_sass: needs cuobjdump and $dir/prefill_sm90.o (a CUDA build)"
    echo "0 passed, 1 failed"
    exit 1
fi
passed=0
failed=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# 1. spills: STACK and LOCAL of every kernel function (runtime.o has none)
for o in "$dir"/*.o; do
    base=$(basename "$o")
    checked=0
    case "$base" in prefill_sm90.o|kv_copy.o) checked=1 ;; esac
    cuobjdump -res-usage "$o" >"$tmp" 2>&1 || { echo "FAIL cuobjdump -res-usage $o"; failed=$((failed + 1)); continue; }
    out=$(awk -v obj="$base" -v checked=$checked '
        /Function / { name = $0; sub(/.*Function /, "", name); sub(/:.*/, "", name) }
        /STACK:/ { n++; st = $0; sub(/.*STACK:/, "", st); sub(/[^0-9].*/, "", st);
                   lo = $0; sub(/.*LOCAL:/, "", lo); sub(/[^0-9].*/, "", lo);
                   if (st + lo != 0) {
                       if (checked) { bad++; print "FAIL " obj " " name ": STACK " st ", LOCAL " lo " bytes" }
                       else print "note " obj " " name ": STACK " st ", LOCAL " lo " bytes (not checked)" } }
        END { printf "%d %d\n", checked ? n - bad : 0, bad }' "$tmp")
    echo "$out" | grep -E '^(FAIL|note)'
    set -- $(echo "$out" | tail -n 1)
    if [ "$checked" = 1 ] && [ "${1:-0}" -eq 0 ] && [ "${2:-0}" -eq 0 ]; then
        echo "FAIL $o: no kernel functions found"; failed=$((failed + 1))
    fi
    passed=$((passed + ${1:-0}))
    failed=$((failed + ${2:-0}))
done

# 2. the sm90 prefill instances: template <int D, bool BF16, bool GATHER, bool PAIR, bool W, bool TAIL>
cuobjdump -sass "$dir/prefill_sm90.o" >"$tmp" 2>&1 || { echo "FAIL cuobjdump -sass"; failed=$((failed + 1)); }
out=$(awk '
    function finish() {
        if (name == "") return
        n++
        gather = (name ~ /^_Z19sm90_prefill_kernelILi[0-9]+ELb[01]ELb1E/)
        ok = hgmma > 0 && (gather ? ldgsts > 0 : utmaldg > 0)
        if (!ok) { bad++; printf "FAIL %s: HGMMA %d, UTMALDG %d, LDGSTS %d (%s)\n", name, hgmma, utmaldg, ldgsts, gather ? "gather" : "TMA" }
        if (gather) ng++; else nt++
        name = ""
    }
    /Function :/ { finish(); f = $NF; if (f ~ /^_Z19sm90_prefill_kernel/) { name = f; hgmma = utmaldg = ldgsts = 0 } ; next }
    name != "" && / HGMMA\./ { hgmma++ }
    name != "" && / UTMALDG\./ { utmaldg++ }
    name != "" && / LDGSTS/ { ldgsts++ }
    END { finish(); printf "%d %d %d %d\n", n - bad, bad, nt, ng }' "$tmp")
echo "$out" | grep '^FAIL'
set -- $(echo "$out" | tail -n 1)
echo "sm90 prefill instances: ${3:-0} TMA, ${4:-0} gather; HGMMA in each, UTMALDG / LDGSTS as their loads"
if [ "${3:-0}" -eq 0 ] || [ "${4:-0}" -eq 0 ]; then echo "FAIL no sm90 prefill instances found"; failed=$((failed + 1)); fi
passed=$((passed + ${1:-0}))
failed=$((failed + ${2:-0}))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
