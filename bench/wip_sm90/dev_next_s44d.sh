#!/bin/bash
# Session 44, M81 adopted (copy_tma.patch into the library, with the copy kept off the PAIR / BOXES
# pages of 64+ rows a box, where s44c measured it no better): forced copy on every page size
# (TMA pages included now) at each head_dim, the last-wave split after a copy, automatic, memcheck;
# GQA d128 H16 over 2 kv heads at ncu, then, if the tests
# passed, the integrated benchmark (dev_s14f.sh PHASE=bench, SKIP_POWER=1, COMPARE_S=530).
# RESULTS 2.56. Carry .carry. (After the run, its inline test check and benchmark became dev_lib.sh's
# bench_if_passed, which does the same.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44d build/pa-bench
copy_checks "49000 49400 49500 49600" 1,3,8,16,48,51,64,100,128,200,256,672 30 128 100 build 8,16,100
timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --pages 1,8,16,64,100,256 --causal both \
    --pa-extra="--kv-heads 2" --out "$T/gqa" > "$T/gqa.txt" 2>&1
grep -E "^ +128 " "$T/gqa.txt" | tee -a "$O/summary.txt"
echo "gqa $(el)" | tee -a "$O/summary.txt"
bench_if_passed copy_64 copy_128 copy_256 copy_tail auto
dev_end logs_s44d
