#!/bin/bash
# Session 7's third device call (H200), binaries carried as .carry/bins.tar.xz (built here):
#   build/     the committed kernels
#   build_p3/  SM90_STAGES_PLAIN=3 (a knob of a3045a9, since removed): 3 ring stages for the plain-layout TMA instances at d64/d128
#              (page runs: 100, 51 ...; boxes where no PAIR map fits), PAIR and gather unchanged
#   build_d3/  SM90_STAGES_D64=3: 3 stages for every d64 TMA instance (contiguous, PAIR, runs)
# 1. forced-sm90 tests of both variants (d128 and d64); 2. A/B alternated ROUNDS times at the
# contiguous baseline and pages 8 / 51 / 100, both masks; 3. ncu PC sampling of one d128 gather
# launch (page 1) of the committed build, summarized per SASS instruction (as dev_ncu_src.sh).
export PYTHONUNBUFFERED=1
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt" 2>&1
T=/tmp/t; mkdir -p $T
for n in p3 d3; do
  for d in 128 64; do
    [ $n = d3 ] && [ $d = 128 ] && continue
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=150 PA_TEST_SEED=21 timeout 200 build_$n/test_gpu > $T/${n}_sm90_d$d.log 2>&1 &
  done
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 FAIL $f; done
( cd $T && tar czf "$O/tests.tgz" *.log )
echo "tests done $(el)" | tee -a "$O/summary.txt"
for r in $(seq ${ROUNDS:-3}); do
  for n in build build_p3 build_d3; do
    dims=128,64; [ "$n" = build_d3 ] && dims=64
    timeout 120 $n/pa-bench --prefill-only --no-check --dims $dims --causal both --pages 8,51,100 --table frag --iters 10 > $T/v.log 2>&1
    sed "s/^/$n r$r /" $T/v.log >> "$O/ab.log"
    echo "$n r$r: $(awk 'NR>1{printf "d%s c%s p%s %s %s; ", $2, $8, $10, $12, $14}' $T/v.log)" | tee -a "$O/summary.txt"
  done
done
echo "ab done $(el)" | tee -a "$O/summary.txt"
if [ -z "$SKIP_NCU" ]; then
  timeout 200 ncu --section SourceCounters --section WarpStateStats --kernel-name-base demangled \
    -k "regex:.int.128, .bool.1, .bool.1" -c 1 --import-source no -o /tmp/gather -f \
    build/pa-bench --prefill-only --dims 128 --causal 0 --pages 1 --iters 1 --no-check > $T/ncu_run.txt 2>&1
  echo "ncu rc=$? $(el)" | tee -a "$O/summary.txt"; tail -2 $T/ncu_run.txt
  ncu -i /tmp/gather.ncu-rep --page source --csv --print-source sass > $T/src.csv 2> $T/src.err
  ncu -i /tmp/gather.ncu-rep --page details --section WarpStateStats > "$O/ncu_stall.txt" 2>&1
  python3 - $T/src.csv <<'PY' > "$O/ncu_src_top.txt" 2>&1
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
hdr_i = next((i for i, r in enumerate(rows) if any("Source" == c or "Address" in c for c in r)), None)
if hdr_i is None: print(rows[:3]); sys.exit(0)
h = rows[hdr_i]; data = rows[hdr_i + 1:]
def col(name):
    for i, c in enumerate(h):
        if c.startswith(name): return i
ia, isrc, iall = col("Address"), col("Source"), col("Warp Stall Sampling (All")
stall_cols = [i for i, c in enumerate(h) if c.startswith("stall_") and "Not Issued" not in c]
def num(x):
    try: return float(x.replace(",", ""))
    except: return 0.0
tot = sum(num(r[iall]) for r in data if len(r) > iall)
print("total samples", tot)
by = {}
for r in data:
    if len(r) <= iall: continue
    op = r[isrc].split()[0] if r[isrc].split() else "?"
    if op.startswith("@"): op = r[isrc].split()[1]
    op = op.split(".")[0]
    by[op] = by.get(op, 0) + num(r[iall])
print("by opcode:", ", ".join(f"{k} {v / tot * 100:.1f}%" for k, v in sorted(by.items(), key=lambda x: -x[1])[:16]))
for r in sorted(data, key=lambda r: -num(r[iall]) if len(r) > iall else 0)[:50]:
    reasons = sorted(((num(r[i]), h[i]) for i in stall_cols if i < len(r)), reverse=True)[:3]
    print(f"{num(r[iall]) / tot * 100:5.1f}% {r[ia]:>6} {r[isrc][:64]:64} " + " ".join(f"{n}:{v:.0f}" for v, n in reasons if v))
PY
  gzip -c $T/src.csv > "$O/ncu_src.csv.gz"
  head -25 "$O/ncu_src_top.txt" | cut -c1-150
fi
cat "$O/summary.txt"
