#!/bin/sh
# compute-sanitizer memcheck and racecheck over a small test_gpu run (device machine only).
# usage: sh tests/sanitize.sh [BUILD_DIR]   (PA_TEST_CASES defaults to 20 here)
build=${1:-build}
cs=$(command -v compute-sanitizer 2>/dev/null || echo /usr/local/cuda/bin/compute-sanitizer)
export PA_TEST_CASES="${PA_TEST_CASES:-20}"
passed=0
failed=0
if [ ! -x "$cs" ]; then
    echo "compute-sanitizer not found"
    echo "0 passed, 1 failed"
    exit 1
fi
for tool in memcheck racecheck; do
    echo "== compute-sanitizer --tool $tool $build/test_gpu (PA_TEST_CASES=$PA_TEST_CASES)"
    if "$cs" --tool "$tool" --error-exitcode 99 "$build/test_gpu"; then
        passed=$((passed + 1))
    else
        echo "!! $tool reported errors or test_gpu failed"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
