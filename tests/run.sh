#!/bin/sh
# Runs every test binary of a build dir (then those of an ASan/UBSan dir, with PA_TEST_QUICK=1)
# and prints the total "N passed, N failed" as the last line. A binary that crashes or does not
# end with its own "N passed, N failed" line counts as one failure. Exit status 1 on any failure.
# usage: sh tests/run.sh BUILD_DIR [ASAN_DIR]
total_p=0
total_f=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# tally NAME RC: adds the counts of $tmp's last line ("N passed, N failed") to the totals; output
# without that line, or a failing exit status with no failure counted, is one failure.
tally() {
    last=$(tail -n 1 "$tmp")
    p=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p')
    if [ -z "$p" ]; then
        echo "!! $1 exited with status $2 without its summary line (crash?)"
        p=0
        f=1
    elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "!! $1 exited with status $2"
        f=1
    fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
}

# a binary that runs past PA_TEST_TIMEOUT seconds (default 1800) is stopped: no summary line,
# one failure; a directory without test binaries is one failure too
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout ${PA_TEST_TIMEOUT:-1800}"
run_dir() {
    dir=$1
    quick=$2
    ran=0
    for bin in "$dir"/test_*; do
        [ -f "$bin" ] && [ -x "$bin" ] || continue
        echo "== $bin"
        start=$(date +%s)
        PA_TEST_QUICK=$quick $limit "$bin" >"$tmp" 2>&1
        rc=$?
        cat "$tmp"
        [ "$rc" -eq 124 ] && [ -n "$limit" ] && echo "!! $bin ran past ${PA_TEST_TIMEOUT:-1800}s"
        tally "$bin" "$rc"
        ran=$((ran + 1))
        echo "   ($(( $(date +%s) - start ))s)"
    done
    if [ "$ran" -eq 0 ]; then
        echo "!! no test binaries in $dir"
        total_f=$((total_f + 1))
    fi
}

if [ -z "$1" ] || [ ! -d "$1" ]; then
    echo "usage: sh tests/run.sh BUILD_DIR [ASAN_DIR]"
    echo "0 passed, 1 failed"
    exit 1
fi
run_dir "$1" "${PA_TEST_QUICK:-0}"
if [ -n "$2" ]; then
    if [ -d "$2" ]; then run_dir "$2" 1
    else echo "!! $2 does not exist"; total_f=$((total_f + 1)); fi
fi
# PA_TEST_EXTRAS=1 (make test): the README's C example, the threads test under TSan, make install,
# the CPU backend's bits across builds, the Hopper kernel's SASS (CUDA builds), the Rust example
# (where cargo is), then the Python package's tests.
if [ "${PA_TEST_EXTRAS:-0}" = 1 ]; then
    echo "== $1/decode_step (public header only, linked against libpagedattn.so)"
    if "$1/decode_step"; then total_p=$((total_p + 1)); else echo "!! decode_step failed"; total_f=$((total_f + 1)); fi
    # the threads test under ThreadSanitizer (make tsan), where its runtime can start
    if [ -x "$1/tsan/test_threads" ]; then
        echo "== $1/tsan/test_threads"
        "$1/tsan/test_threads" >"$tmp" 2>&1
        rc=$?
        cat "$tmp"
        if grep -q "FATAL: ThreadSanitizer" "$tmp"; then echo "   (not counted: the ThreadSanitizer runtime cannot start on this machine)"
        else tally "$1/tsan/test_threads" "$rc"; fi
    fi
    # make install into a scratch prefix; the decode step built against it (pkg-config)
    echo "== tests/install_check.sh"
    sh "$(dirname "$0")/install_check.sh" "$1" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    tally tests/install_check.sh "$rc"
    # The CPU backend's bits on several builds (SSE2, AVX2 + FMA, clang ...): one hash.
    echo "== tests/bits_check.sh"
    sh "$(dirname "$0")/bits_check.sh" "$1" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    tally tests/bits_check.sh "$rc"
    # pa-bench's pool layouts (page gaps, pool-order blocks, dumped tables), checked on the CPU.
    echo "== tests/bench_layouts.sh"
    sh "$(dirname "$0")/bench_layouts.sh" "$1" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    tally tests/bench_layouts.sh "$rc"
    # The compiled Hopper kernel: no spills, HGMMA, UTMALDG / LDGSTS (where CUDA was built).
    if [ -f "$1/src/cuda/prefill_sm90.o" ] && command -v cuobjdump >/dev/null 2>&1; then
        echo "== tests/check_sass.sh"
        sh "$(dirname "$0")/check_sass.sh" "$1" >"$tmp" 2>&1
        rc=$?
        cat "$tmp"
        tally tests/check_sass.sh "$rc"
    else
        echo "== tests/check_sass.sh: not run (no CUDA build or no cuobjdump)"
    fi
    # The Rust example (examples/rust: the C ABI declared by hand, no crates), where cargo is.
    # (it needs Rust 1.77 or newer, for offset_of!)
    rust_minor=$(rustc --version 2>/dev/null | sed -n 's/^rustc 1\.\([0-9][0-9]*\)\..*/\1/p')
    if command -v cargo >/dev/null 2>&1 && [ "${rust_minor:-0}" -ge 77 ]; then
        echo "== examples/rust (cargo run --offline)"
        bdir=$(cd "$1" && pwd)
        CARGO_TARGET_DIR="$bdir/rust" PAGEDATTN_BUILD="$bdir" cargo run --offline --quiet \
            --manifest-path "$(dirname "$0")/../examples/rust/Cargo.toml" >"$tmp" 2>&1
        rc=$?
        cat "$tmp"
        tally examples/rust "$rc"
    else
        echo "== examples/rust: not run (needs cargo and rustc 1.77+; found: $(rustc --version 2>/dev/null || echo none))"
    fi
    echo "== python/tests/run.sh"
    sh "$(dirname "$0")/../python/tests/run.sh" "$1" >"$tmp" 2>&1
    rc=$?
    cat "$tmp"
    last=$(tail -n 1 "$tmp")
    p=$(echo "$last" | sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed.*/\1/p; s/^\([0-9][0-9]*\) passed.*/\1/p' | head -n 1)
    f=$(echo "$last" | sed -n 's/.*[^0-9]\([0-9][0-9]*\) failed.*/\1/p; s/^\([0-9][0-9]*\) failed.*/\1/p' | head -n 1)
    e=$(echo "$last" | sed -n 's/.*[^0-9]\([0-9][0-9]*\) error.*/\1/p' | head -n 1)
    p=${p:-0}; f=${f:-0}; f=$((f + ${e:-0}))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "!! python tests exited with status $rc"; f=1; fi
    total_p=$((total_p + p))
    total_f=$((total_f + f))
fi
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
