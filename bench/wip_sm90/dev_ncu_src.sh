#!/bin/bash
# Where the cp.async gather's time goes: ncu PC sampling (SourceCounters) of one launch of the
# gather instantiation (KSEL regex on the demangled name, default d128 bf16 gather), summarized
# per SASS instruction: the 45 with the most stall samples, with their top reasons.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 build/pa-bench > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
timeout 150 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
  -k "regex:${KSEL:-.int.128, .bool.1, .bool.1}" -c 1 --import-source no -o "$O/gather" -f \
  build/pa-bench --prefill-only --dims ${D:-128} --causal 0 --pages ${PAGE:-1} --iters 1 --no-check > "$O/ncu_run.txt" 2>&1
echo "ncu rc=$? $(( $(date +%s) - t0 ))s"; tail -3 "$O/ncu_run.txt"
ncu -i "$O/gather.ncu-rep" --page source --csv --print-source sass > "$O/src.csv" 2> "$O/src.err"; echo "export rc=$?"; head -c 600 "$O/src.err"
ncu -i "$O/gather.ncu-rep" --page details --section WarpStateStats > "$O/stall.txt" 2>&1
python3 - "$O/src.csv" <<'PY' > "$O/src_top.txt" 2>&1
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
hdr_i = next((i for i, r in enumerate(rows) if any("Source" == c or "Address" in c for c in r)), None)
if hdr_i is None: print(rows[:3]); sys.exit(0)
h = rows[hdr_i]; data = rows[hdr_i + 1:]
print("columns:", h)
def col(name):
    for i, c in enumerate(h):
        if c.startswith(name): return i
    return None
ia, isrc, iall = col("Address"), col("Source"), col("Warp Stall Sampling (All")
stall_cols = [i for i, c in enumerate(h) if c.startswith("stall_") or "Stall" in c and i != iall]
def num(x):
    try: return float(x.replace(",", ""))
    except: return 0.0
tot = sum(num(r[iall]) for r in data if len(r) > iall)
print("total samples", tot)
for r in sorted(data, key=lambda r: -num(r[iall]) if len(r) > iall else 0)[:45]:
    reasons = sorted(((num(r[i]), h[i]) for i in stall_cols if i < len(r)), reverse=True)[:3]
    print(f"{num(r[iall]) / tot * 100:5.1f}% {r[ia]:>6} {r[isrc][:70]:70} " + " ".join(f"{n}:{v:.0f}" for v, n in reasons if v))
PY
head -60 "$O/src_top.txt"; grep -E "Stall|Warp Cycles" "$O/stall.txt" | head -20
gzip -f "$O/src.csv"; rm -f "$O/gather.ncu-rep"
echo "total $(( $(date +%s) - t0 ))s"
