#!/bin/bash
# Session 20, call 7: why M42's 3-warpgroup d64 gather (build_WG3G32) gained only 1.1..1.6%: the
# same PC-sampling profile as dev_s20d.sh (contiguous and page-1 gather, d64 non-causal, sq 2048
# sk 8192), for build_WG3G32, and its page-1 gather against build's once more.
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t10; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
[ -x build_WG3G32/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
prof() {   # name build dim causal page
  timeout 240 ncu --section SourceCounters --section WarpStateStats --section SpeedOfLight -k regex:prefill_kernel -c 2 -o $T/$1 \
    $2/pa-bench --prefill-only --dims $3 --causal $4 --pages $5 --sq 2048 --sk 8192 --warmup 0 --iters 1 --no-check > $T/$1_run.txt 2>&1
  ncu -i $T/$1.ncu-rep --page source --csv --print-source sass > $T/$1_source.csv 2> $T/$1_source.err
  ncu -i $T/$1.ncu-rep --page details > $T/$1_details.txt 2>&1
  python3 bench/wip_sm90/ncu_stalls.py $T/$1_source.csv --top 12 --all > $T/$1_stalls.txt 2>&1
  rm -f $T/$1.ncu-rep; xz -T8 $T/$1_source.csv; mv $T/$1_source.csv.xz "$O/"
  echo "$1 $(el)" | tee -a $O/summary.txt
}
prof wg3g32_p1_c0 build_WG3G32 64 0 1
( cd $T && tar czf "$O/logs.tgz" * )
grep -E "sm90_prefill|Duration" $T/*_details.txt | head
grep -hE "void|samples by" $T/*_stalls.txt | head -20
