#!/bin/bash
# Session 43, M80's measurement (s43a's tests passed; its ncu / pa-bench runs of the copy were lost
# to a pa-bench option bug, fixed): ncu at pages 1 / 3 / 4, causal both, each head_dim: the gather
# (--kv-copy-limit 0), the library's choice, the copy forced; then pa-bench's paired rows (checked
# against the double reference) for the library's choice and for the gather. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43b build/pa-bench
copy_modes_ncu
for m in auto gather; do
    case $m in gather) x="--kv-copy-limit 0";; auto) x="";; esac
    timeout 150 build/pa-bench --prefill-only --dims 128,64,256 --pages 1,3,4 --causal both --table frag --iters 10 $x \
        > "$T/pab_$m.txt" 2>&1
    echo "pa-bench $m $(el)" | tee -a "$O/summary.txt"
    grep -E "prefill|failed" "$T/pab_$m.txt" | tee -a "$O/summary.txt"
done
dev_end logs_s43b
