#!/bin/bash
# Session 12, first call: the three diagnostics prepared in session 11 in one run.
#   1. per-tile stamps (SM90_TT, build_T): d64/d128/d256 contiguous and d128 page 16 (dev_next_s12c.sh);
#   2. pa_ncu fragmented vs pool-order tables (scattering vs lookups), pages 1/16/100/128 (dev_next_s12.sh);
#   3. ncu stall reasons, d128 contiguous vs page 128;
#   4. SM90_MASK_LATE (build_ML) vs build at ncu's clocks, twice alternated (dev_next_s12b.sh, timing only).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PYTHONPATH=$PWD/python:$PWD/bench
PAGEDATTN_LIBRARY=$PWD/build_T/libpagedattn.so timeout 200 python3 bench/wip_sm90/trace.py \
  64:8192:8192 128:8192:8192 256:8192:8192 128:8192:8192:0:16 2>&1 | grep -v Warn > $T/trace.txt
echo "trace $(el)" | tee -a $O/summary.txt
pa() { timeout 150 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64 --pages 1,16,100,128 --causal 0 \
         --out /tmp/pa "$@" 2>&1 | tee -a "$T/pa.txt"; }
echo "== frag" >> $T/pa.txt; pa --table frag
echo "== contig" >> $T/pa.txt; pa --table contig
echo "== frag-block 8" >> $T/pa.txt; pa --table frag --pa-extra "--frag-block 8"
echo "pa_ncu $(el)" | tee -a "$O/summary.txt"
for pg in 0 128; do
  timeout 150 ncu --section WarpStateStats --section SourceCounters --print-details all \
    -k "regex:prefill_kernel" build/pa-bench --prefill-only --dims 128 --causal 0 --pages $pg --table frag \
    --warmup 0 --iters 1 --no-check > "$T/ncu_stalls_p$pg.txt" 2>&1
  echo "ncu p$pg rc=$? $(el)" | tee -a "$O/summary.txt"
done
for v in build build_ML build build_ML; do
  PAGEDATTN_LIBRARY=$PWD/$v/libpagedattn.so timeout 120 ncu --metrics gpu__time_duration.sum \
    -k "regex:sm90_prefill" python3 bench/wip_sm90/ncu_sweep.py 128:8192:8192 64:8192:8192 256:8192:8192 128:8192:8192:1 > $T/ncu_$v.txt 2>&1
  echo "$v $(awk '/gpu__time_duration.sum/{printf "%s ", $NF}' $T/ncu_$v.txt)" | tee -a "$T/ml.txt"
done
echo "ML $(el)" | tee -a "$O/summary.txt"
( cd $T && tar czf "$O/logs.tgz" * )
cat $T/trace.txt | tail -60
cat $T/pa.txt | grep -v "^#" | tail -40
grep -E "Stall|Warp Cycles Per" $T/ncu_stalls_p*.txt | cut -c1-120 | head -30
cat $T/ml.txt
echo "total $(el)"
