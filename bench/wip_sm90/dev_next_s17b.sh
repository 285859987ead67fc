#!/bin/bash
# Prepared in session 16, not run: PC-sampling profiles for the next steps (after mkvariants_s17.sh;
# carry .carry/bins.tar.xz). (1) d256 page 16 with rotated paged walks (build_RP) against its
# contiguous launch at sq 2048 sk 8192, non-causal: why the rotated TMA paged kernel trails the
# rotated contiguous one by 3-4% (3.1t); (2) d128 contiguous non-causal and causal of the committed
# build at the same shape: do d128's non-causal consumers wait on K's full barrier more than its
# causal ones, as d256's did before M36 (3.1t: 9.5% against 5.4%)? The source CSVs come back
# (bench/wip_sm90/ncu_srcdiff.py: per instruction, causal minus ratio x non-causal).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s); el() { echo "$(( $(date +%s) - t0 ))s"; }
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
prof() {   # name build dim causal page
  timeout 200 ncu --section SourceCounters --section WarpStateStats -k regex:prefill_kernel -c 2 -o $T/$1 \
    $2/pa-bench --prefill-only --dims $3 --causal $4 --pages $5 --sq 2048 --sk 8192 --warmup 0 --iters 1 --no-check > $T/$1_run.txt 2>&1
  ncu -i $T/$1.ncu-rep --page source --csv --print-source sass > $T/$1_source.csv 2> $T/$1_source.err
  python3 bench/wip_sm90/ncu_stalls.py $T/$1_source.csv --top 12 --all > $T/$1_stalls.txt 2>&1
  rm -f $T/$1.ncu-rep; xz -T8 $T/$1_source.csv; mv $T/$1_source.csv.xz "$O/"
  echo "$1 $(el)" | tee -a $O/summary.txt
}
prof rp_d256_p16_c0 build_RP 256 0 16
prof d128_p8_c0 build 128 0 8
prof d128_p8_c1 build 128 1 8
( cd $T && tar czf "$O/logs.tgz" * )
grep -hE "void|samples by" $T/*_stalls.txt | tee -a $O/summary.txt
