#!/bin/bash
# Session 24, call 1 (carry .carry/bins.tar.xz from mkvariants_s24.sh):
#   1. tests of build_PRE2 (SM90_TMA_PRE=2; its d256 kernels are build_PRE's): automatic, forced sm90
#      at every head_dim, d256 TMA pages, racecheck on d256 pages 64 / 100;
#   2. ncu A/B build / build_PRE2, d256 / d128 / d64, pages 8, 64, 100, 256, causal both, twice;
#   3. where d256 page 256's +4% over contiguous comes from: PC sampling + warp states + memory
#      sections of the committed kernel, contiguous and page 256 launches (same PAIR instance),
#      and d128 causal page 100 (runs instance) with its contiguous launch.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t24 build_PRE2/pa-bench
PA_TEST_SEED=4100 timeout 150 build_PRE2/test_gpu > $T/PRE2_auto.log 2>&1 &
forced_sm90 "build_PRE2" 40 4110
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=8,16,48,51,64,100,256 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=50 PA_TEST_SEED=4130 timeout 150 build_PRE2/test_gpu > $T/PRE2_pages256.log 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_PAGES=64,100 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=3 PA_TEST_SEED=4131 timeout 150 compute-sanitizer --tool racecheck build_PRE2/test_gpu > $T/PRE2_rc256.log 2>&1 &
wait
test_summary
ncu_ab "build build_PRE2" --dims 256,128,64 --pages 8,64,100,256 --causal both
prof() {   # prof NAME KERNEL_REGEX pa-bench args...
    local n=$1 k=$2; shift 2
    timeout 120 ncu --section SourceCounters --section WarpStateStats --section MemoryWorkloadAnalysis \
        --section SpeedOfLight --kernel-name-base mangled -k "regex:$k" -c 2 -o $T/$n build/pa-bench --prefill-only --warmup 0 --iters 1 --no-check "$@" > $T/${n}_run.txt 2>&1
    echo "$n rc=$? $(el)" | tee -a $O/summary.txt
    ncu -i $T/$n.ncu-rep --page source --csv --print-source sass > $T/${n}_source.csv 2> $T/${n}_source.err
    ncu -i $T/$n.ncu-rep --page details > $T/${n}_details.txt 2>&1
    python3 bench/wip_sm90/ncu_stallsum.py $T/${n}_source.csv --mix 25 > $T/${n}_sum.txt 2>&1
    python3 bench/wip_sm90/ncu_stalls.py $T/${n}_source.csv --top 25 --all > $T/${n}_stalls.txt 2>&1
    grep -E "Duration|DRAM Throughput|L2 Hit Rate|L1/TEX Hit|Mem Busy|Max Bandwidth|Compute \(SM\) Th|Warp Cycles Per Issued|Issue Slot|Memory Throughput" $T/${n}_details.txt | tee -a $O/summary.txt
    cat $T/${n}_sum.txt | tee -a $O/summary.txt
    xz -T8 $T/${n}_source.csv; mv $T/${n}_source.csv.xz $O/; rm -f $T/$n.ncu-rep
}
prof p256 'ILi256ELb1ELb0ELb1ELb0ELb0E' --dims 256 --causal 0 --pages 256
prof c100 'ILi128ELb1ELb0ELb[01]ELb0ELb0E' --dims 128 --causal 1 --pages 100
dev_end logs_s24
