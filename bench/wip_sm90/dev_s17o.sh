#!/bin/bash
# Session 17, last call: test_gpu's new contiguous set (8 cases: no table, non-causal, key counts
# on and off the tiles) through build_N176 (forced sm90 d128, automatic) and the committed build
# (forced sm90 at each head_dim).
O=${OUT:-/tmp/out}; mkdir -p "$O"; T=/tmp/t; mkdir -p $T
t0=$(date +%s)
tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=1811 timeout 60 build_N176/test_gpu > $T/n176_d128.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=8 PA_TEST_SEED=1812 timeout 60 build_N176/test_gpu > $T/n176_d128b.log 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=1813 timeout 60 build_N176/test_gpu > $T/n176_auto.log 2>&1 &
for d in 64 128 256; do
  PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=8 PA_TEST_SEED=1814 timeout 60 build/test_gpu > $T/build_d$d.log 2>&1 &
done
wait
for f in $T/*.log; do echo "$(basename $f .log): $(tail -1 $f)"; grep -m3 -E "FAIL|Timeout" $f; done | tee -a $O/summary.txt
grep -h "contiguous case" $T/*.log | head -3
( cd $T && tar czf "$O/logs.tgz" * )
echo "total $(( $(date +%s) - t0 ))s"
