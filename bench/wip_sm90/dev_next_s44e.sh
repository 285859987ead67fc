#!/bin/bash
# Session 44: does M81's estimate choose right across GQA ratios? One binary (the library), two modes
# picked by pa-bench's flags: --kv-copy-limit 0 (never copy: the TMA page regimes, the library before
# M81 at these pages) against the default (the estimate). ncu, fragmented tables, B4 H16 8k, pages
# 8 / 16 / 100, both masks, 2 passes: d128 at 8 / 4 / 1 kv heads (2 is s44c's), d64 and d256 at 4.
# Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t44e build/pa-bench
kv_ab k8 128 8
kv_ab k4 128 4
kv_ab k1 128 1
kv_ab d4 64,256 4
dev_end logs_s44e
