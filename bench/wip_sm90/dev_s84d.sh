#!/bin/bash
# Session 84, call d (~70 s): d128 pages 9 / 10 / 11 at ncu's locked clocks, both masks, three
# passes of the library of M115 (build/ from .carry/bins.tar.xz, SASS af249589), each page against
# the contiguous row of its own pass: is page 9 over 3% at ncu (3.5t: causal +2.6 / +3.8 against
# two passes' rows; 3.5u: non-causal +3.8)?
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t84d build/pa-bench
for pass in 1 2 3; do
    timeout 100 python3 bench/pa_ncu.py --pa build/pa-bench --dims 128 --pages 9,10,11 --causal both \
        --out "$T/p9_$pass" > "$T/p9_$pass.txt" 2>&1
    echo "== pass $pass ($(el))" | tee -a "$O/summary.txt"
    grep -hE "^ +128 +[01] " "$T/p9_$pass.txt" | tee -a "$O/summary.txt"
done
dev_end logs_s84d
