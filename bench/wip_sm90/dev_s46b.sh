#!/bin/bash
# Session 46, call 2: M83 (the copy beside the attention by TMA boxes where the page size has a
# divisor of 8+ rows): its tests (forced beside at each head_dim, 1 block, the last-wave split,
# memcheck, racecheck, TMA off), the copy kernel alone under ncu (TMA against the register kernel),
# then pa-bench's paired overheads at pages 8 / 16 / 100: the library as committed (the box
# regimes), forced beside by TMA, forced beside by registers.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t46b build/pa-bench
X="PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1"
for d in 64 128 256; do
    env $X PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((46300 + d)) \
        timeout 150 build/test_gpu > "$T/ov_$d.log" 2>&1 &
    env $X PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_PAGES=8,16,24,48,100,128,672 PA_TEST_CASES=30 \
        PA_TEST_SEED=$((46400 + d)) timeout 150 build/test_gpu > "$T/ovp_$d.log" 2>&1 &
done
env $X PA_TEST_SM90_COPY_CTAS=1 PA_TEST_HEAD_DIM=128 PA_TEST_LONG_RANGE=0 PA_TEST_PAGES=8,100,672 PA_TEST_CASES=30 \
    PA_TEST_SEED=46502 timeout 150 build/test_gpu > "$T/ov1_128.log" 2>&1 &
env $X PA_TEST_SM90_COPY_CTAS=3 PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=256 PA_TEST_PAGES=8,16,100 \
    PA_TEST_CASES=30 PA_TEST_SEED=46602 timeout 150 build/test_gpu > "$T/ov_tail.log" 2>&1 &
env $X PA_TEST_SM90_COPY_CTAS=8 PA_TEST_COPY_TMA_OFF=1 PA_TEST_PAGES=8,100 PA_TEST_CASES=30 \
    PA_TEST_SEED=46612 timeout 150 build/test_gpu > "$T/ov_off.log" 2>&1 &
PA_TEST_CASES=60 PA_TEST_SEED=46702 timeout 150 build/test_gpu > "$T/auto.log" 2>&1 &
env $X PA_TEST_SM90_COPY_CTAS=5 PA_TEST_PAGES=8,17,100,672 PA_TEST_CASES=3 PA_TEST_SEED=46802 \
    timeout 150 compute-sanitizer --tool memcheck --error-exitcode 99 build/test_gpu > "$T/ov_mc.log" 2>&1 &
env $X PA_TEST_SM90_COPY_CTAS=3 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=100 PA_TEST_CASES=1 PA_TEST_SEED=46902 \
    timeout 150 compute-sanitizer --tool racecheck --error-exitcode 99 build/test_gpu > "$T/ov_rc.log" 2>&1 &
wait
test_summary
grep -h "beside the attention\|TMA boxes" "$T"/*.log | sort | uniq -c | tee -a "$O/summary.txt"
M=gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum
ncu_copy() {   # NAME D PAGE EXTRA
    timeout 90 ncu --csv -k regex:kv_copy --metrics $M build/pa-bench --force-copy --copy-ctas 16 --prefill-only --dims $2 \
        --pages $3 --causal 1 --table frag --no-check --warmup 0 --iters 1 $4 > "$T/ncu_$1.txt" 2>&1
    echo "$1: $(grep kv_copy "$T/ncu_$1.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | tr '\n' ' ')" | tee -a "$O/summary.txt"
}
ncu_copy t128p100 128 100
ncu_copy r128p100 128 100 --copy-tma-off
ncu_copy t128p8 128 8
ncu_copy t64p8 64 8
ncu_copy r64p8 64 8 --copy-tma-off
ncu_copy t256p100 256 100
echo "ncu $(el)" | tee -a "$O/summary.txt"
for f in ov_64 ov_128 ov_256 ovp_64 ovp_128 ovp_256 ov1_128 ov_tail ov_off auto; do grep -q " 0 failed" "$T/$f.log" || { echo "$f failed: no bench" | tee -a "$O/summary.txt"; dev_end logs_s46b; exit 0; }; done
run_mode() {   # LABEL ARGS
    local l=$1; shift
    echo "== $l" >> "$T/bench.txt"
    timeout 100 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 128 --pages 8,16,100 --causal both "$@" >> "$T/bench.txt" 2>&1
    timeout 100 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 64 --pages 8,100 --causal both "$@" >> "$T/bench.txt" 2>&1
    timeout 100 build/pa-bench --prefill-only --table frag --iters 20 --warmup 3 --dims 256 --pages 8,100 --causal both "$@" >> "$T/bench.txt" 2>&1
    echo "$l $(el)" | tee -a "$O/summary.txt"
}
run_mode auto
run_mode tma --force-copy --copy-ctas 16
run_mode regs --force-copy --copy-ctas 16 --copy-tma-off
run_mode auto2
run_mode tma2 --force-copy --copy-ctas 16
grep -E "^== |^prefill" "$T/bench.txt" | awk '{print $1,$2,$5,$8,$10,$11,$12,$14}' | tee -a "$O/summary.txt"
cp "$T/bench.txt" "$O/"
dev_end logs_s46b
