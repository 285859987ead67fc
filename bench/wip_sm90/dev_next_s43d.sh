#!/bin/bash
# Session 43, M80 with the flat copy kernel (kv_copy.cu rewritten after s43c: no shared memory or
# barrier, 4 chunks a thread a step): its tests (forced copy at each head_dim, the last-wave split
# after a copy, automatic, memcheck of the forced copy), the copy kernel alone under ncu (d128
# page 1: duration, DRAM bytes and throughput), then, if the tests passed, the integrated
# benchmark (dev_s14f.sh PHASE=bench, SKIP_POWER=1, COMPARE_S=530: s43c's 330 s cut compare.py
# before its ncu rows). RESULTS 2.55. Carry .carry.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43d build/pa-bench
copy_checks "44000 44400 44500 44600" 1,2,3,4,5,17,33 30 128 100
copy_kernel_ncu 40
ok=1
for f in copy_64 copy_128 copy_256 copy_tail auto; do grep -q " 0 failed" "$T/$f.log" || ok=0; done
if [ $ok = 1 ]; then
    SKIP_POWER=1 PHASE=bench COMPARE_S=530 bash bench/wip_sm90/dev_s14f.sh 2>&1 | tail -12
    echo "bench done $(el)" | tee -a "$O/summary.txt"
else
    echo "tests failed: no benchmark" | tee -a "$O/summary.txt"
fi
dev_end logs_s43d
