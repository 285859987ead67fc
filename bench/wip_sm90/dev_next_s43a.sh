#!/bin/bash
# Session 43, M80 (the copy regime: a gather call copies its pages into the workspace as a
# contiguous cache, then the contiguous kernel runs) first device call. Carry .carry (build/ of
# the M80 source: test_gpu, pa-bench). Tests: every sm90 call the gather would serve forced
# through the copy at each head_dim (pages 1..5, 17, 33 and 100 as a non-gather control), the
# copy with the last-wave split (PA_TEST_SM90_TAIL=3), automatic, memcheck of the forced copy.
# Then ncu at pages 1 / 3 / 4, causal both, each head_dim: the gather (--kv-copy-limit 0), the
# library's choice, the copy forced; then pa-bench's paired rows (checked against the double
# reference) in the library's choice.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43a build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=1,2,3,4,5,17,33,100 PA_TEST_CASES=40 \
        PA_TEST_SEED=$((43000 + d)) timeout 150 build/test_gpu > "$T/copy_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=1,3,5 PA_TEST_CASES=30 \
    PA_TEST_SEED=43400 timeout 150 build/test_gpu > "$T/copy_tail.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=43500 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_PAGES=1,3,17 PA_TEST_CASES=3 PA_TEST_SEED=43600 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/copy_mc.log" 2>&1 &
wait
test_summary
for m in gather auto copy; do
    case $m in gather) x="--kv-copy-limit 0";; auto) x="";; copy) x="--force-copy";; esac
    timeout 110 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64,256 --pages 1,3,4 --causal both \
        --pa-extra="$x" --out "$T/n_$m" > "$T/n_$m.txt" 2>&1
    echo "ncu $m $(el)" | tee -a "$O/summary.txt"
done
for m in gather auto copy; do echo "== ncu $m"; grep -E "^ +(64|128|256) " "$T/n_$m.txt"; done | tee -a "$O/summary.txt"
timeout 120 build/pa-bench --prefill-only --dims 128,64,256 --pages 1,3,4 --causal both --table frag --iters 10 \
    > "$T/pab_auto.txt" 2>&1
echo "pa-bench $(el)" | tee -a "$O/summary.txt"
tail -40 "$T/pab_auto.txt" | tee -a "$O/summary.txt"
dev_end logs_s43a
