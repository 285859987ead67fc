#!/bin/bash
# Session 28, call 5 (carry as call 4): the same at d256 / d128 for more run pages: odd pages (51,
# 77, 99, 101, 127: 1-row units) and pages 4 mod 8 (60, 68, 76, 92, 108, 116), causal both, one pass.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28e build/pa-bench
timeout 250 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256,128 --pages 51,77,99,101,127,60,68,76,92,108,116 --causal both --out $T/pages > $T/pages.txt 2>&1
tail -50 $T/pages.txt | tee -a $O/summary.txt
dev_end logs_s28e
