#!/bin/bash
# Session 9, d128 gather at pages 9..42 and two d64 gather variants (H200). build/ = committed
# (branch-free lookups at d128 only), build_base/ = the kernel before session 9, build_V2/ and
# build_V3/ = branch-free lookups at d64 too, with gather registers 48/224 and 56/224
# (-DSM90_LOOKUP_BF_D64=1 -DSM90_GATHER_PRODUCER_REGS/CONSUMER_REGS; their d128/d256 rows are not
# used). Forced-gather tests of V2/V3 at d64 first; then two alternated rounds.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
T=/tmp/t; mkdir -p $T
for v in V2 V3; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_SM90_GATHER=1 PA_TEST_CASES=60 PA_TEST_SEED=99 timeout 100 build_$v/test_gpu > $T/${v}_gather_d64.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)" | tee -a "$O/summary.txt"; grep -m3 -E "FAIL|Timeout" $f; done
s() { awk 'NR>1 && $10=="-"{printf "d%s c%s %s TF; ", $2, $8, $12} NR>1 && $10!="-"{printf "p%s %s; ", $10, $14}' "$1"; }
for r in 1 2; do
  timeout 60 build_base/pa-bench --prefill-only --dims 128 --causal both --pages 1,4,12,17,20,33 --table frag --iters 10 > "$O/base_r$r.log" 2>&1
  echo "base r$r: $(s $O/base_r$r.log)" | tee -a "$O/summary.txt"
  timeout 90 build/pa-bench --prefill-only --dims 128,64 --causal both --pages 1,4,12,17,20,33 --table frag --iters 10 > "$O/cur_r$r.log" 2>&1
  echo "cur r$r: $(s $O/cur_r$r.log)" | tee -a "$O/summary.txt"
  for v in V2 V3; do
    timeout 60 build_$v/pa-bench --prefill-only --dims 64 --causal both --pages 1,4,12,17 --table frag --iters 10 > "$O/${v}_r$r.log" 2>&1
    echo "$v r$r: $(s $O/${v}_r$r.log)" | tee -a "$O/summary.txt"
  done
done
echo "total $(( $(date +%s) - t0 ))s" | tee -a "$O/summary.txt"
