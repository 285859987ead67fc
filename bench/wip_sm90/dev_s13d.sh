#!/bin/bash
# Session 13, call 4: per-instance mask-word order (SM90_MASK_SYNC_<T|G><D>, defaults T64 1, G64 2,
# T128 3, G128 3, T256 1, G256 1) in build; build_C2 the same with T128 2; build_OLD the session's
# starting commit d688c5d (one-lane form, gather V zeroing, no Q registers at d256). racecheck of
# every instance kind, tests, then ncu at locked clocks, alternated twice.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins4.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1242 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build/test_gpu > $T/rc_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1270 PA_TEST_HEAD_DIM=$d timeout 200 build/test_gpu > $T/t_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1271 PA_TEST_HEAD_DIM=$d timeout 200 build/test_gpu > $T/t_gather_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1244 PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool racecheck build_C2/test_gpu > $T/rc_C2_sm90_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1272 PA_TEST_HEAD_DIM=128 timeout 200 build_C2/test_gpu > $T/t_C2_sm90_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do for v in build_OLD build build_C2; do
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,16 --causal both --out $T/ncu_${v}_$pass > $T/pncu_${v}_$pass.txt 2>&1
done; done
echo "ncu A/B $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 - <<'PY' | tee -a $O/summary.txt
import json
V = ("build_OLD", "build", "build_C2")
rows = {}
for v in V:
    for p in (1, 2):
        try: js = json.load(open("/tmp/t/ncu_%s_%d/pa_ncu.json" % (v, p)))
        except Exception as e: print(v, p, e); continue
        for r in js["rows"]:
            k = (r["d"], r["causal"], r["page"])
            rows.setdefault(k, {}).setdefault(v, []).append(r["contig_us"] if r["page"] == 0 else r["paged_us"])
print("d c page | us (min of 2): OLD  build  C2 | build/OLD C2/OLD")
for k in sorted(rows):
    m = {v: min(x) for v, x in rows[k].items()}
    b = m.get("build_OLD")
    print("%3d %d %4d | %8.1f %8.1f %8.1f | %+5.1f%% %+5.1f%%" % (k + (b, m.get("build", 0), m.get("build_C2", 0),
          100 * (m.get("build", 0) / b - 1), 100 * (m.get("build_C2", 0) / b - 1))))
PY
echo "total $(el)"
