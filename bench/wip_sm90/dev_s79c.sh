#!/bin/bash
# Session 79, call c: why M108's attention is slow (call b: the copy first costs what the copy beside
# does, +13.1 / +8.1 / +8.7 at pages 9 / 33 / 50, where the library's 8-row PAIR boxes in place cost
# +2.9 / +2.5 at pages 8 / 40). ncu sections of one call each, d256 B4 H16 8k non-causal, frag:
#   c8   the contiguous baseline (pa-bench's first call)         P8  the library at page 8 (PAIR, 8-row boxes)
#   L9   M108 at page 9, the copy first (the PT PAIR instance)    L33 M108 at page 33, the copy first
# .carry/bins.tar.xz as dev_s78a.sh (build_str/pa-bench: SM90_STRADDLE=1).
# Fixed after the run (RESULTS 3.5h call c): the d256 contiguous call runs the same PAIR instance as
# the page-8 call, so as run "c8" (the non-PAIR instance) matched nothing and "P8" profiled the
# contiguous call; now c8 is that instance's first launch and P8 skips it (--launch-skip 1).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t79c build_str/pa-bench
B=build_str/pa-bench
A="--prefill-only --table frag --no-check --iters 1 --warmup 0 --paired 0 --dims 256 --causal 0"
S="--section SpeedOfLight --section MemoryWorkloadAnalysis --section WarpStateStats --section SchedulerStats --section Occupancy"
N="--kernel-name-base mangled"
nc() { timeout 120 ncu $S $N -k "regex:$2" ${SKIP:+--launch-skip $SKIP} --launch-count 1 $B $A $3 > "$T/$1.txt" 2>&1; echo "$1 rc=$? $(el)" | tee -a "$O/summary.txt"; }
nc c8  'ILi256ELb1ELb0ELb1ELb0ELb0ELb0EEv' "--pages 8"
SKIP=1 nc P8  'ILi256ELb1ELb0ELb1ELb0ELb0ELb0EEv' "--pages 8"
nc L9  'ILi256ELb1ELb0ELb1ELb0ELb0ELb1EEv' "--pages 9 --straddle 2 --copy-ctas -1"
nc L33 'ILi256ELb1ELb0ELb1ELb0ELb0ELb1EEv' "--pages 33 --straddle 2 --copy-ctas -1"
for f in c8 P8 L9 L33; do
    echo "== $f"
    grep -E "^ +(Duration|DRAM Throughput|Memory Throughput|L1/TEX Hit Rate|L2 Hit Rate|Compute \(SM\) Throughput|Issue Slots Busy|No Eligible|Warp Cycles Per Issued Instruction|Achieved Occupancy|Registers Per Thread|Dynamic Shared Memory Per Block|Mem Busy|Max Bandwidth|L2 Compression|Grid Size)" "$T/$f.txt"
    grep -iE "stall|cycles .*waiting|was stalled" "$T/$f.txt" | head -6
done | cut -c1-200 | tee -a "$O/summary.txt"
dev_end logs_s79c
