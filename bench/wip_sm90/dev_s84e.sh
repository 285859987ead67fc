#!/bin/bash
# Session 84, call e (~100 s): M116 (host only: d128 page runs with more than 13 boxes per 128
# keys, pages 9..11, take the flat 0.8 x 2.8% in-place figure in the copy estimate instead of 4%).
# Built here (make -j16 BUILD=build_m116); ncu's kernel column shows each call's path:
# MHA d128 pages 9 / 10 / 11 both masks (expected: in place, <128, 1, 0, 0, W, 0, 0>), and GQA 32 / 8
# pages 9 / 10 (expected: the copy, the contiguous PAIR instance), one pass each.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t84e Makefile   # (a file that exists: nothing to unpack, this call builds its own)
make -j16 BUILD=build_m116 build_m116/pa-bench > "$T/make.log" 2>&1 || { tail -20 "$T/make.log"; exit 1; }
echo "built $(el)" | tee -a "$O/summary.txt"
timeout 60 python3 bench/pa_ncu.py --pa build_m116/pa-bench --dims 128 --pages 9,10,11 --causal both --out "$T/mha" > "$T/mha.txt" 2>&1
echo "== MHA 16 / 16 ($(el))" | tee -a "$O/summary.txt"; grep -hE "^ +128 +[01] " "$T/mha.txt" | tee -a "$O/summary.txt"
timeout 60 python3 bench/pa_ncu.py --pa build_m116/pa-bench --dims 128 --pages 9,10 --causal both --pa-extra="--heads 32 --kv-heads 8" --out "$T/gqa" > "$T/gqa.txt" 2>&1
echo "== GQA 32 / 8 ($(el))" | tee -a "$O/summary.txt"; grep -hE "^ +128 +[01] " "$T/gqa.txt" | tee -a "$O/summary.txt"
dev_end logs_s84e
