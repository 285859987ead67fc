#!/bin/bash
# Session 13, call 5: the d64 gather's mask words read by lane 0 as one 16-byte load (build_G4,
# SM90_MASK_SYNC_G64=4) against four 4-byte loads (build, mode 2) and the one-lane form (build_OLD).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins5.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222 PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck build_G4/test_gpu > $T/rc_G4_gather_d64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=80 PA_TEST_SEED=1280 PA_TEST_HEAD_DIM=64 timeout 200 build_G4/test_gpu > $T/t_G4_gather_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; done | tee -a $O/summary.txt
for pass in 1 2; do for v in build_OLD build build_G4; do
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64 --pages 1,4 --causal both --out $T/ncu_${v}_$pass > $T/pncu_${v}_$pass.txt 2>&1
done; done
( cd $T && tar czf "$O/logs.tgz" * )
python3 - <<'PY' | tee -a $O/summary.txt
import json
V = ("build_OLD", "build", "build_G4")
rows = {}
for v in V:
    for p in (1, 2):
        js = json.load(open("/tmp/t/ncu_%s_%d/pa_ncu.json" % (v, p)))
        for r in js["rows"]:
            k = (r["d"], r["causal"], r["page"])
            rows.setdefault(k, {}).setdefault(v, []).append(r["contig_us"] if r["page"] == 0 else r["paged_us"])
print("d c page | us (min of 2): OLD  build  G4 | build/OLD G4/OLD")
for k in sorted(rows):
    m = {v: min(x) for v, x in rows[k].items()}
    b = m["build_OLD"]
    print("%3d %d %4d | %8.1f %8.1f %8.1f | %+5.1f%% %+5.1f%%" % (k + (b, m["build"], m["build_G4"], 100 * (m["build"] / b - 1), 100 * (m["build_G4"] / b - 1))))
PY
echo "total $(el)"
