#!/bin/bash
# Session 45, M82's cost: (1) the ordered copy kernel alone under ncu (8 / 16 / 32 blocks; d128
# B4 H16 8k page 1): its duration, hence the per-SM rate; (2) SM clock and power per pa-bench row
# (clocks_rows.py, unpaired, long rows): contiguous, the copy beside (16 blocks), the copy first
# (M80), the gather, at d128 causal page 1, and TMA page 8. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t45b build/pa-bench
for k in 8 16 32; do
    timeout 60 ncu --csv -k regex:kv_copy --metrics gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed \
        build/pa-bench --prefill-only --dims 128 --pages 1 --causal 1 --table frag --warmup 0 --iters 1 --no-check --force-copy --copy-ctas $k > "$T/ncu_$k.txt" 2>&1
    echo "k=$k: $(grep kv_copy "$T/ncu_$k.txt" | awk -F'","' '{print $(NF-2), $(NF-1), $NF}' | tr '\n' ' ')" | tee -a "$O/summary.txt"
done
echo "ncu $(el)" | tee -a "$O/summary.txt"
B="python3 bench/wip_sm90/clocks_rows.py build/pa-bench --prefill-only --table frag --paired 0 --no-check --dims 128 --causal 1"
for x in "--pages 1 --force-copy --copy-ctas 16" "--pages 1 --force-copy --copy-ctas -1" "--pages 1 --kv-copy-limit 0" "--pages 8 --copy-ctas -1" "--pages 1 --force-copy --copy-ctas 16"; do
    echo "== $x" | tee -a "$O/summary.txt"
    timeout 100 $B $x --iters 800 --warmup 50 2>&1 | grep -E "^prefill|limit" | awk '{$2=$2};1' | cut -c1-200 | tee -a "$O/summary.txt"
done
echo "clocks $(el)" | tee -a "$O/summary.txt"
dev_end logs_s45b
