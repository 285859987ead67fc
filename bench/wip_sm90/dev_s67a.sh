#!/bin/bash
# Session 67: the upper bound of sharing PAIR boxes between two CTAs (a cluster pair by TMA
# multicast would halve each CTA's box issue and page lookups' use): v_hp (-DSM90_HALF_PAIR; WRONG
# results, timing only) issues every other PAIR box of a paged tile and expects only those bytes.
# ncu passes of build / v_hp at d64 / d128 causal, pages 8 / 16 (and the contiguous baseline rows),
# while a pass fits before NCU_S (default 100) s.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t67a v_hp/pa-bench
ncu_passes "build v_hp" ${NCU_S:-100} 4 --dims 64,128 --pages 8,16 --causal 1
dev_end logs_s67a
