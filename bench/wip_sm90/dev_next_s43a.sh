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
copy_checks "43000 43400 43500 43600" 1,2,3,4,5,17,33,100 40 128 150
copy_modes_ncu
timeout 120 build/pa-bench --prefill-only --dims 128,64,256 --pages 1,3,4 --causal both --table frag --iters 10 \
    > "$T/pab_auto.txt" 2>&1
echo "pa-bench $(el)" | tee -a "$O/summary.txt"
tail -40 "$T/pab_auto.txt" | tee -a "$O/summary.txt"
dev_end logs_s43a
