#!/bin/bash
# sm90 cp.async gather path: build, forced-sm90 tests, prefill table over page sizes, decode rows.
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
timeout 200 make -j16 all build/test_gpu > "$O/build.log" 2>&1; echo "build rc=$? $(( $(date +%s) - t0 ))s"
grep -i "spill" "$O/build.log" | sort | uniq -c | head
PA_TEST_KERNEL=sm90 PA_TEST_CASES=${CASES:-200} timeout 100 build/test_gpu > "$O/test_sm90.log" 2>&1; echo "test_gpu sm90 rc=$? $(tail -2 $O/test_sm90.log | tr '\n' ' ')"
grep -m5 -i "fail" "$O/test_sm90.log"
timeout 120 build/pa-bench --prefill-only --dims 128 --pages ${PAGES:-1,3,4,8,16,48,64,100,672} --table frag --iters 10 > "$O/prefill.log" 2>&1; echo "prefill rc=$?"
timeout 60 build/pa-bench --decode-only --pages 1,16,64 --table frag --iters 10 > "$O/decode.log" 2>&1; echo "decode rc=$?"
echo "total $(( $(date +%s) - t0 ))s"
cat "$O/prefill.log"; cat "$O/decode.log"
