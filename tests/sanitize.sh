#!/bin/sh
# compute-sanitizer memcheck and racecheck over small test_gpu runs (device machine only): the
# automatic kernel choice (PA_TEST_CASES, default 20), then on Hopper the sm90 kernel forced to
# its TMA paths, to its cp.async gather and to page-run pages (44 / 100 / 101) at each head_dim
# (PA_TEST_FORCED_CASES, default 3; elsewhere those runs count the cases they cannot run as
# skipped), the sm90 kernel with its last-wave split planned for 3 SMs (PA_TEST_SM90_TAIL=3), and
# its copy of small pages into the workspace (PA_TEST_SM90_COPY=1), before the attention and beside
# it (PA_TEST_SM90_COPY_CTAS=3).
# PA_SANITIZE_TOOLS picks the tools (default "memcheck racecheck"; one of them alone halves the time).
# Each run has its own time limit, PA_SANITIZE_TIMEOUT seconds (default 300; 0 = none), and prints
# each case before running it (PA_TEST_VERBOSE=1), so that a run that stalls is a failure that
# names its case.
# Racecheck used to stall some sm90 launches when a consumer warpgroup's setmaxnreg.inc came before
# the producers' setmaxnreg.dec (RESULTS 3.2p); the kernel now orders the inc after the dec through a
# named barrier (SM90_INC_AFTER, 3.2q).
# usage: sh tests/sanitize.sh [BUILD_DIR]
build=${1:-build}
cs=$(command -v compute-sanitizer 2>/dev/null || echo /usr/local/cuda/bin/compute-sanitizer)
cases="${PA_TEST_CASES:-20}"
forced="${PA_TEST_FORCED_CASES:-3}"
passed=0
failed=0
tools="${PA_SANITIZE_TOOLS:-memcheck racecheck}"
for tool in $tools; do
    case $tool in memcheck|racecheck) ;; *) echo "PA_SANITIZE_TOOLS: unknown tool '$tool'"; echo "0 passed, 1 failed"; exit 1 ;; esac
done
if [ ! -x "$cs" ]; then
    echo "compute-sanitizer not found"
    echo "0 passed, 1 failed"
    exit 1
fi
limit=
tmo="${PA_SANITIZE_TIMEOUT:-300}"
if [ "$tmo" != 0 ] && command -v timeout >/dev/null 2>&1; then limit="timeout $tmo"; fi
# run TOOL LABEL [VAR=VALUE ...]: one test_gpu run under the tool, the variables in its environment
run() {
    tool=$1; label=$2; shift 2
    echo "== compute-sanitizer --tool $tool $build/test_gpu ($label)"
    if env PA_TEST_VERBOSE=1 "$@" $limit "$cs" --tool "$tool" --error-exitcode 99 "$build/test_gpu"; then
        passed=$((passed + 1))
    else
        echo "!! $tool reported errors, test_gpu failed or the run passed its time limit ($label)"
        failed=$((failed + 1))
    fi
}
for tool in $tools; do
    run "$tool" "automatic, $cases cases" PA_TEST_CASES="$cases"
    for d in 64 128 256; do
        run "$tool" "sm90 forced, head_dim $d, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d
        # (racecheck without test_gpu's long-range cases: the TMA producers' > 2048-page fallback is
        # what they test, the gather has none, and under racecheck the d256 gather over their 16..33k
        # keys passed the run's 120 s in session 43)
        lr=1; [ "$tool" = racecheck ] && lr=0
        run "$tool" "sm90 gather forced, head_dim $d, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 \
            PA_TEST_SM90_GATHER=1 PA_TEST_HEAD_DIM=$d PA_TEST_LONG_RANGE=$lr
        # page runs (several TMA boxes a run; at d128 warp 0 hands the plan to warps 1..3 through
        # shared memory, where racecheck found one lane's arrival in session 33)
        run "$tool" "sm90 forced, page runs, head_dim $d, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 \
            PA_TEST_PAGES=44,100,101 PA_TEST_HEAD_DIM=$d
    done
    # the last-wave pieces and their merge (planned for 3 SMs so that small shapes take them)
    run "$tool" "sm90 forced, last wave split, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 \
        PA_TEST_SM90_TAIL=3 PA_TEST_HEAD_DIM=128
    # the copy of small pages into the workspace, then the contiguous kernel (M80), every head_dim
    run "$tool" "sm90 forced, copy of small pages, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 \
        PA_TEST_SM90_COPY=1 PA_TEST_PAGES=1,3,5,17
    # the same copy beside the attention on 3 blocks (M82: the attention waits on its counters)
    run "$tool" "sm90 forced, copy beside the attention, $forced cases" PA_TEST_CASES="$forced" PA_TEST_KERNEL=sm90 \
        PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=3 PA_TEST_PAGES=1,8,100
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
