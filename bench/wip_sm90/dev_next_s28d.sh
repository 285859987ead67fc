#!/bin/bash
# Session 28, call 4 (carry .carry/bins.tar.xz: build = HEAD's library, 2.41's SASS): where page
# runs lose. ncu rows of d256 and d128 at PAIR page sizes that are not powers of two (48, 96, 104,
# 112, 120: every tile spans pages at offsets that are multiples of 8 / 16 / 32) beside the run
# pages 44 and 100 (offsets 4 mod 8), causal both, one pass.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t28d build/pa-bench
timeout 200 python3 bench/pa_ncu.py --pa build/pa-bench --dims 256,128 --pages 44,48,96,100,104,112,120 --causal both --out $T/pages > $T/pages.txt 2>&1
tail -40 $T/pages.txt | tee -a $O/summary.txt
dev_end logs_s28d
