#!/bin/bash
# Session 13, call 3: two ways to order the consumers' reads of the mask words before the
# producer rewrites them, so that racecheck sees it (RESULTS 3.1q): build_M1 every consumer thread
# arrives on K's empty barrier (count 256), build_M2 lane 0 alone reads the words (right after the
# K full wait) and shuffles them. build = SM90_MASK_SYNC 0 (one lane arrives after __syncwarp).
# All three skip the gather's first-tile V zeroing and keep Q in registers at d256 (4 steps).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins3.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for v in build_M1 build_M2; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1242 PA_TEST_HEAD_DIM=64 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_sm90_d64.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1244 PA_TEST_HEAD_DIM=128 timeout 200 compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_sm90_d128.log 2>&1 &
  for d in 128 64; do PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1222 PA_TEST_HEAD_DIM=$d timeout 200 \
    compute-sanitizer --tool racecheck $v/test_gpu > $T/rc_${v}_gather_d$d.log 2>&1 & done
  for d in 128 64 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1260 PA_TEST_HEAD_DIM=$d timeout 200 $v/test_gpu > $T/t_${v}_sm90_d$d.log 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=1261 PA_TEST_HEAD_DIM=$d timeout 200 $v/test_gpu > $T/t_${v}_gather_d$d.log 2>&1 &
  done
done
PA_TEST_KERNEL=sm90 PA_TEST_CASES=60 PA_TEST_SEED=1260 PA_TEST_HEAD_DIM=64 timeout 200 build/test_gpu > $T/t_build_sm90_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do for v in build build_M1 build_M2; do
  python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,64,256 --pages 1,16 --causal both --out $T/ncu_${v}_$pass > $T/pncu_${v}_$pass.txt 2>&1
done; done
echo "ncu A/B $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 - <<'PY' | tee -a $O/summary.txt
import json
rows = {}
for v in ("build", "build_M1", "build_M2"):
    for p in (1, 2):
        try: js = json.load(open("/tmp/t/ncu_%s_%d/pa_ncu.json" % (v, p)))
        except Exception as e: print(v, p, e); continue
        for r in (js["rows"] if isinstance(js, dict) else js):
            k = (r["d"], r["causal"], r["page"])
            rows.setdefault(k, {}).setdefault(v, []).append(r["contig_us"] if r["page"] == 0 else r["paged_us"])
print("d c page | us: build  M1  M2 (min of 2 passes) | M1/build M2/build")
for k in sorted(rows):
    m = {v: min(x) for v, x in rows[k].items()}
    b = m.get("build")
    print("%3d %d %4d | %8.1f %8.1f %8.1f | %+5.1f%% %+5.1f%%" % (k + (b, m.get("build_M1", 0), m.get("build_M2", 0),
          100 * (m.get("build_M1", 0) / b - 1), 100 * (m.get("build_M2", 0) / b - 1))))
PY
echo "total $(el)"
