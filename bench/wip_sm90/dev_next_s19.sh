#!/bin/bash
# Prepared in session 18 (its device budget was spent). Build first: bash bench/wip_sm90/mkvariants_s19.sh;
# carry .carry/bins.tar.xz. About 3 min.
# 1. The racecheck runs 2.29 lost to its 180 s slot, on the committed build (5337729's kernels):
#    forced TMA and gather at d128 / d256, and the last-wave split (planned for 3 SMs) at d128 / d256;
# 2. build_CV2 (SM90_COMBINE_V2): forced sm90 with the split at d128 / d256, TMA and gather, memcheck;
# 3. ncu A/B build against build_CV2, d128 / d256 non-causal, contiguous and page 16 (the merge's
#    own duration from ncu's CSV: 22.9..23.9 us at d128 in 2.29, one memory latency per piece);
#    interleaved against cuDNN at d128 for both.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
CS=compute-sanitizer
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 timeout 200 $CS --tool racecheck build/test_gpu > $T/rc_tma_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 timeout 200 $CS --tool racecheck build/test_gpu > $T/rc_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=3 timeout 200 $CS --tool racecheck build/test_gpu > $T/rc_tail_d$d.log 2>&1 &
  PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=1901 timeout 120 build_CV2/test_gpu > $T/t_cv2_d$d.log 2>&1 &
  PA_TEST_SM90_TAIL=5 PA_TEST_SM90_GATHER=1 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=40 PA_TEST_SEED=1902 timeout 120 build_CV2/test_gpu > $T/t_cv2g_d$d.log 2>&1 &
done
PA_TEST_SM90_TAIL=3 PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=4 PA_TEST_SEED=1903 timeout 200 $CS --tool memcheck build_CV2/test_gpu > $T/mc_cv2_d128.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(grep 'split their last wave' $f | sed 's/.test_gpu. //') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_cv2_d128.log && grep -q " 0 failed" $T/t_cv2_d256.log; then
  for pass in 1 2; do
    for v in build build_CV2; do
      timeout 100 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 128,256 --pages 16 --causal 0 --out $T/n_${v}_$pass > $T/n_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T n build build_CV2 | tee -a $O/summary.txt
  for v in build build_CV2; do
    python3 - "$T/n_${v}_1/ncu.csv" "$v" <<'PY' | tee -a $O/summary.txt
import csv, sys
rows = list(csv.reader(l for l in open(sys.argv[1]) if l.startswith('"')))
h = rows[0]; i, v, m = h.index("Kernel Name"), h.index("Metric Value"), h.index("Metric Name")
t = [float(r[v].replace(",", "")) / 1e3 for r in rows[1:] if "tail_combine" in r[i] and r[m] == "gpu__time_duration.sum"]
print(sys.argv[2], "merge us:", " ".join("%.1f" % x for x in t))
PY
  done
  for v in build_CV2 build; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128 --out $T/i_$v > $T/i_$v.txt 2>&1
  done
  grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
