#!/bin/bash
# Session 14: a third K stage (build_K3: K ring 3, V ring 2 at d128 and d256, TMA and gather)
# against the committed build. 3.1r's profile: d256's consumers wait on K's full barrier 8.5..9% of
# their samples in the gather, 2..4% contiguous. Racecheck + tests forced sm90 / gather, then ncu
# at locked clocks (contiguous, pages 1, 8, 100), alternated twice. Build: mkvariants_s14h.sh
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=3 PA_TEST_SEED=1431 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_K3/test_gpu > $T/rc_K3_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=3 PA_TEST_SEED=1432 PA_TEST_HEAD_DIM=$d timeout 200 compute-sanitizer --tool racecheck build_K3/test_gpu > $T/rc_K3_gather_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_CASES=80 PA_TEST_SEED=1433 PA_TEST_HEAD_DIM=$d timeout 200 build_K3/test_gpu > $T/t_K3_sm90_d$d.log 2>&1 &
  PA_TEST_KERNEL=sm90 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=80 PA_TEST_SEED=1434 PA_TEST_HEAD_DIM=$d timeout 200 build_K3/test_gpu > $T/t_K3_gather_d$d.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
for pass in 1 2; do
  for v in build build_K3; do
    python3 bench/pa_ncu.py --pa $v/pa-bench --dims 256,128 --pages 1,8,100 --causal both --out $T/g_${v}_$pass > $T/g_${v}_$pass.txt 2>&1
  done
done
echo "ncu $(el)" | tee -a $O/summary.txt
( cd $T && tar czf "$O/logs.tgz" * )
python3 bench/wip_sm90/ab_table.py $T g build build_K3 | tee -a $O/summary.txt
echo "total $(el)"
