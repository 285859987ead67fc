#!/bin/bash
# Session 44: s44e's d64 rows were MHA (pa-bench forced 32 heads at d64 and ignored --kv-heads; fixed),
# so M81's estimate at d64 under GQA is measured here: 32 query heads over 16 and 4 kv heads, pages
# 8 / 16 / 100, both masks, --kv-copy-limit 0 against the default, ncu, 2 passes. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44f build/pa-bench
kv_ab e16 64 16
kv_ab e4 64 4
dev_end logs_s44f
