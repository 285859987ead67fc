#!/bin/bash
# Session 45, the final M82 library (the integrated call s45f could not get a machine): quick tests,
# pa-bench's paired overheads (library's choice vs before M82, --copy-ctas -1) at pages 1 / 3 / 4
# of every head_dim and GQA d128 16 / 2 pages 1 / 8, then pa_ncu.py at d128 pages 1 / 8 causal both
# (a copy beside the attention charged its SM share). Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45g build/pa-bench
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
        PA_TEST_SEED=$((45400 + d)) timeout 100 build/test_gpu > "$T/copy_$d.log" 2>&1 &
done
PA_TEST_CASES=60 PA_TEST_SEED=45750 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
for f in copy_64 copy_128 copy_256 auto; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s45g; exit 0; }; done
run_mode() {   # LABEL ARGS
    local l=$1; shift
    echo "== $l" >> "$T/bench.txt"
    for d in 128 64 256; do
        timeout 150 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims $d --pages 1,3,4 --causal both "$@" >> "$T/bench.txt" 2>&1
    done
    timeout 100 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --kv-heads 2 --pages 1,8 --causal both "$@" >> "$T/bench.txt" 2>&1
    echo "$l $(el)" | tee -a "$O/summary.txt"
}
run_mode auto
run_mode before --copy-ctas -1
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128,64 --pages 1,8 --causal both --out "$T/n" > "$T/n.txt" 2>&1
grep -E "^ +(64|128|256) " "$T/n.txt" | tee -a "$O/summary.txt"
echo "ncu $(el)" | tee -a "$O/summary.txt"
dev_end logs_s45g
