#!/bin/bash
# Session 88's second call (~300 s; LIMIT (default 330 s) skips the later steps that would not fit): M119a (SM90_EARLY: Q by TMA and K tile 0 issued by thread 0
# right after the barriers' init, in the contiguous calls of the PAIR instances) on the GPU.
# Binaries (.carry/early.tar.xz, built here from the M119a commit): build_early (-DSM90_EARLY=1:
# pa-bench, test_gpu) and build_etr (-DSM90_EARLY=1 -DSM90_TRACE -DSM90_TRACE_GT: libpagedattn.so);
# build/ from .carry/bins.tar.xz is the library (HEAD's default build, prefill SASS 546a72c9).
# PA_SM90_EARLY (read by the early builds' host code) picks the bits: 0 none (the redrawn SASS
# alone), 1 Q, 2 K tile 0, 3 both. Wrappers be0..be3/pa-bench set it. bk/pa-bench: build_earlyk
# (-DSM90_EARLY=1 -DSM90_EARLY_Q=0, bits 2): K tile 0 early with the consumers' code as the
# library's (only the Q part's consumer change redraws them: session 88's compile-only variants).
# bp/pa-bench: build_earlyp (-DSM90_EARLY=1 -DSM90_EARLY_Q=2, bits 3): thread 0 prefetches Q's boxes
# into L2 (and issues K tile 0); the consumers load Q as the library does (session 89).
# 1. tests of build_early (bits 3): forced sm90 d128 / d256 (60 cases), automatic (40), contiguous
#    cases 4 / 5 alone under racecheck (d128) and memcheck (d256); "took M119a's early" must be > 0.
# 2. ncu at locked clocks (pa_ncu.py, 2 passes alternated): contiguous d128 2048 both masks, build /
#    be0 / be1 / be2 / be3 / bk / bp, and 8192 build / be0 / be3 / bk / bp (page 128 pool-order rows come along); d256 8192 non-causal
#    pages 16 / 64 frag (the d256 paged PAIR calls run the redrawn instance with bits off).
# 3. trace.py on build_etr, 128:2048:2048 with bits 0 and 3 (where S(0) moved).
# 4. pa-bench paired-free contiguous rows at 2048 (power-capped clocks), build / be3 / bk / bp, 3 rounds.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t88b build/pa-bench
tar xJf .carry/early.tar.xz || { echo "unpack early failed"; exit 1; }
for e in 0 1 2 3; do
    mkdir -p be$e
    printf '#!/bin/sh\nPA_SM90_EARLY=%d exec %s/build_early/pa-bench "$@"\n' $e "$PWD" > be$e/pa-bench
    chmod +x be$e/pa-bench
done
mkdir -p bk   # build_earlyk (-DSM90_EARLY_Q=0): K tile 0 early alone, the consumers' code as the library's
printf '#!/bin/sh\nPA_SM90_EARLY=2 exec %s/build_earlyk/pa-bench "$@"\n' "$PWD" > bk/pa-bench
chmod +x bk/pa-bench
mkdir -p bp   # build_earlyp (-DSM90_EARLY_Q=2, bits 3): Q prefetched into L2 by thread 0 (consumers' loads as the library's) + K tile 0
printf '#!/bin/sh\nPA_SM90_EARLY=3 exec %s/build_earlyp/pa-bench "$@"\n' "$PWD" > bp/pa-bench
chmod +x bp/pa-bench
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
early_tests() {   # the tests of step 1, all at once
    local E=build_early/test_gpu ci
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=60 PA_TEST_SEED=88201 timeout 150 $E > "$T/e_sm90_128.log" 2>&1 &
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=60 PA_TEST_SEED=88202 timeout 150 $E > "$T/e_sm90_256.log" 2>&1 &
    PA_TEST_CASES=40 PA_TEST_SEED=88203 timeout 150 $E > "$T/e_auto.log" 2>&1 &
    for ci in 4 5; do   # contiguous cases 4 / 5: batch-mode Q (the early path), 1000 / 2048 keys
        PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CONTIGUOUS=$ci PA_TEST_SEED=88204 timeout 150 \
            compute-sanitizer --tool racecheck $E > "$T/e_rc$ci.log" 2>&1 &
        PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CONTIGUOUS=$ci PA_TEST_SEED=88205 timeout 150 \
            compute-sanitizer --tool memcheck $E > "$T/e_mc$ci.log" 2>&1 &
    done
    wait
    test_summary
    grep -h "took M119a" "$T"/e_*.log | tee -a "$O/summary.txt"
}
left() { [ $(( $(date +%s) - t0 + $1 )) -lt "${LIMIT:-330}" ]; }   # whether $1 more seconds fit LIMIT
early_traces() {   # step 3
    local e
    for e in 0 3; do
        left 30 || continue
        PA_SM90_EARLY=$e PAGEDATTN_LIBRARY=$PWD/build_etr/libpagedattn.so timeout 60 python3 bench/wip_sm90/trace.py 128:2048:2048 \
            > "$T/trace_e$e.txt" 2>&1
        echo "trace e$e rc=$? $(el)" | tee -a "$O/summary.txt"
        grep -E "TMA issued|Q in smem|S\(0\) done|CTA end|steady" "$T/trace_e$e.txt" | sed "s/^/e$e /" | tee -a "$O/summary.txt"
    done
}
if [ -n "$SHORT" ]; then   # (SHORT: the measurement first, then the tests if they fit)
    for v in be3 bk bp; do
        timeout 60 $v/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128,256 --causal both \
            --table contig --pages 128 --iters 5 > "$T/check_$v.log" 2>&1
        echo "check $v rc=$? $(el)" | tee -a "$O/summary.txt"; grep -E "^ *prefill" "$T/check_$v.log" | tee -a "$O/summary.txt"
    done
else
early_tests
fi
AB_PREFIX=c2k ncu_ab "build be0 be1 be2 be3 bk bp" --dims 128 --pages 128 --table contig --causal both --iters 2 --pa-extra "--seqlen 2048"
[ -n "$SHORT" ] && early_traces
left 60 && AB_PREFIX=c8k ncu_ab "build be0 be3 bk bp" --dims 128 --pages 128 --table contig --causal both --iters 2
left 60 && AB_PREFIX=d256 ncu_ab "build be0 be3" --dims 256 --pages 16,64 --causal 0 --iters 2
if [ -n "$SHORT" ] && left 100; then
early_tests
fi
[ -n "$SHORT" ] || early_traces
for r in 1 2 3; do
    left 20 || continue
    for v in build be3 bk bp; do
        timeout 40 $v/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128 --causal both \
            --table contig --pages 128 --iters 50 --no-check > "$T/pa_${v}_$r.log" 2>&1
        grep -E "^ *prefill .* none " "$T/pa_${v}_$r.log" | sed "s/^/$v r$r /" | tee -a "$O/summary.txt"
    done
done
echo "pa-bench $(el)" | tee -a "$O/summary.txt"
dev_end logs_s88b
tail -70 "$O/summary.txt"
