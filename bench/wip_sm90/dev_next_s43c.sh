#!/bin/bash
# Session 43, M80 with the grid-stride copy kernel: its tests (forced copy at each head_dim, the
# last-wave split after a copy, automatic, memcheck of the forced copy), the copy kernel alone
# under ncu (its duration and DRAM throughput at d128 page 1), then the integrated benchmark
# (dev_s14f.sh PHASE=bench, SKIP_POWER=1: RESULTS 2.55) if the tests passed. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43c build/pa-bench
copy_checks "43700 43800 43900 43950" 1,2,3,4,5,17,33 30 256 120
copy_kernel_ncu 60
bench_if_passed copy_64 copy_128 copy_256 copy_tail auto
dev_end logs_s43c
