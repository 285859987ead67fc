#!/bin/bash
# Session 41, last call: the library with M77 adopted in the 128-key d128 instances (SM90_PT_SMEM=1;
# their SASS identical to s41g's build_PT, which passed its tests there; every other function as in
# 2.51). d128 causal only (the changed functions): a forced-sm90 d128 test, pa-bench's paired rows at
# every page size, the same at ncu's clocks (pa_ncu.py), and the contiguous calls against cuDNN
# interleaved (interleaved.py --dims 128). Carry .carry/bins.tar.xz with build/.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t41h build/pa-bench
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=41801 timeout 90 build/test_gpu > "$T/lib_sm90_128.log" 2>&1
test_summary
if grep -q " 0 failed" "$T/lib_sm90_128.log"; then
    timeout 150 build/pa-bench --csv --prefill-only --dims 128 --causal 1 --pages 1,3,4,8,16,32,48,64,100,128,256,672 --table frag --iters 10 \
        > "$O/pa_bench.csv" 2> "$T/pa_bench.err"
    echo "pa-bench rc=$? $(el)" | tee -a "$O/summary.txt"
    timeout 150 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --causal 1 --out "$O" > "$O/pa_ncu.txt" 2>&1
    echo "pa_ncu rc=$? $(el)" | tee -a "$O/summary.txt"
    PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so timeout 120 python3 bench/interleaved.py --dims 128 --out "$O" > "$O/interleaved.txt" 2>&1
    echo "interleaved rc=$? $(el)" | tee -a "$O/summary.txt"
    grep -E "^prefill" "$O/pa_bench.csv" | awk -F, '{print $4, $10, $11, $12, $13, $16}' | tee -a "$O/summary.txt"
    grep -E "^ *[0-9]" "$O/pa_ncu.txt" | tee -a "$O/summary.txt"
    grep -E "ours/cuDNN" "$O/interleaved.txt" | tee -a "$O/summary.txt"
fi
dev_end logs_s41h
