#!/bin/bash
# Prepared in session 17, not run (its last call was refused: device budget spent).
# Build first: bash bench/wip_sm90/mkvariants_s18.sh; carry .carry/bins.tar.xz. ~4-5 min.
# 1. test_gpu's contiguous set (th_case_contiguous, added in session 17, never run on a GPU) through
#    the committed build forced sm90 at each head_dim and automatically;
# 2. build_NW (wide key tiles for contiguous non-causal calls: d128 176, d64 192) forced sm90 at
#    d128 and d64, racecheck and memcheck of the d64 W instances; build_NWP (paged PAIR calls on
#    the wide tiles too) forced sm90 at d128 and d64, racecheck at d128 (6 mask words, 22 boxes);
# 3. ncu at locked clocks, d64 and d128, contiguous and page 16, causal both (causal and paged are
#    not W: controls), alternated twice; interleaved.py against cuDNN for both builds at d64, d128;
#    then, if NWP's tests pass, pages 8/16/64/128 non-causal, build against build_NWP (the wide
#    paged rows' overhead is against NWP's own wide contiguous launch).
# Predicted for d64's 192-key tiles: more than d128's 1.6%, as d64's per-tile fixed work is a larger
# share of its half-size tile.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=8 PA_TEST_SEED=1814 timeout 60 build/test_gpu > $T/t_build_d$d.log 2>&1 &
done
PA_TEST_CASES=8 PA_TEST_SEED=1815 timeout 60 build/test_gpu > $T/t_build_auto.log 2>&1 &
for d in 64 128; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=1811 timeout 90 build_NW/test_gpu > $T/t_nw_d$d.log 2>&1 &
done
for d in 64 128; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=60 PA_TEST_SEED=1818 timeout 90 build_NWP/test_gpu > $T/t_nwp_d$d.log 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_SEED=1819 timeout 120 compute-sanitizer --tool racecheck build_NWP/test_gpu > $T/rc_nwp_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=1816 timeout 120 compute-sanitizer --tool racecheck build_NW/test_gpu > $T/rc_nw_d64.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=3 PA_TEST_SEED=1817 timeout 120 compute-sanitizer --tool memcheck build_NW/test_gpu > $T/mc_nw_d64.log 2>&1 &
wait
for f in $T/*.log; do echo "$(basename $f .log): $(grep -E 'SUMMARY' $f | tail -1 | sed 's/=========//g') $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
echo "tests $(el)" | tee -a $O/summary.txt
if grep -q " 0 failed" $T/t_nw_d64.log && grep -q " 0 failed" $T/t_nw_d128.log; then
  for pass in 1 2; do
    for v in build build_NW; do
      timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64,128 --pages 16 --causal both --out $T/n_${v}_$pass > $T/n_${v}_$pass.txt 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a $O/summary.txt
  done
  python3 bench/wip_sm90/ab_table.py $T n build build_NW | tee -a $O/summary.txt
  if grep -q " 0 failed" $T/t_nwp_d64.log && grep -q " 0 failed" $T/t_nwp_d128.log; then
    for pass in 1 2; do
      for v in build build_NWP; do
        timeout 60 python3 bench/pa_ncu.py --pa $v/pa-bench --dims 64,128 --pages 8,16,64,128 --causal 0 --out $T/p_${v}_$pass > $T/p_${v}_$pass.txt 2>&1
      done
      echo "ncu paged pass $pass $(el)" | tee -a $O/summary.txt
    done
    python3 bench/wip_sm90/ab_table.py $T p build build_NWP | tee -a $O/summary.txt
  fi
  for v in build_NW build; do
    PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 90 python3 bench/interleaved.py --rounds 6 --calls 10 --dims 128,64 --out $T/i_$v > $T/i_$v.txt 2>&1
  done
  grep -H "cuDNN speed" $T/i_*.txt | sed 's/.*\/i_//' | tee -a $O/summary.txt
fi
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(el)"
