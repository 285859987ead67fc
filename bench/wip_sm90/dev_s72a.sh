#!/bin/bash
# Session 72, call a (replaces session 71's dev_s71e.sh, which never ran; adds M105b, the first sequence head by head:
# pa__kv_copy_bulk = 2; its tests beside mode 1's, and a third bench row).
# Session 71, call e: M105 (the copy beside by bulk copies, kv_copy.cu; runtime switch
# pa__kv_copy_bulk, off by default in this build). Tests with the switch on: the copy forced beside
# on 8 blocks at every head_dim (dense NHD cases take the bulk kernel, the rest the old loop), the
# same with the estimate's block count, automatic, test_threads; memcheck and racecheck of the
# forced copy beside; then pa-bench's paired rows with the library's default choices, --copy-bulk 0
# against 1 (the same choices) and 1 with the estimate at 45 GB/s an SM (--copy-rate-bulk), two
# rounds: pages 1 / 9 / 12 / 33 / 51 / 77, every head_dim, both masks.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t72a build/pa-bench
export PA_TEST_KV_COPY_BULK=1
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((71100 + d)) \
        timeout 90 build/test_gpu > "$T/ov8_$d.log" 2>&1 &
done
# (the bulk kernel takes pages of 8 KB or more of every kv head: the test's small kv head counts
# reach that from pages of 64..100 keys up, hence these page sizes too)
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_PAGES=64,100,256,672 PA_TEST_CASES=40 PA_TEST_SEED=71506 \
    timeout 90 build/test_gpu > "$T/ov8_big.log" 2>&1 &
PA_TEST_KV_COPY_BULK=2 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_PAGES=64,100,256,672 PA_TEST_CASES=40 PA_TEST_SEED=72506 \
    timeout 90 build/test_gpu > "$T/ov8_big_m2.log" 2>&1 &
for d in 64 128 256; do
    PA_TEST_KV_COPY_BULK=2 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((72100 + d)) \
        timeout 90 build/test_gpu > "$T/ov8_m2_$d.log" 2>&1 &
done
san racecheck build 128 64,100 2 72505 rc_m2 100 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=4 PA_TEST_KV_COPY_BULK=2
PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_CASES=30 PA_TEST_SEED=71501 timeout 90 build/test_gpu > "$T/copy_est.log" 2>&1 &
PA_TEST_CASES=30 PA_TEST_SEED=71502 timeout 90 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_SEED=71503 timeout 90 build/test_threads > "$T/threads.log" 2>&1 &
san memcheck build 128 9,100,672 3 71504 mc_ov 100 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=4
san racecheck build 256 33,100 2 71505 rc_ov 100 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=4
wait
test_summary
unset PA_TEST_KV_COPY_BULK
B="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 64,128,256 --pages 1,9,12,33,51,77"
for r in 1 2; do
    for m in 0 1 2; do $B --copy-bulk $m 2>&1 | pa_row bulk$m; done > /dev/null
    # bulk2: the bulk copy with the estimate at copyrate's rate (45 GB/s an SM): more calls copy
    $B --copy-bulk 2 --copy-rate-bulk 45e9 2>&1 | pa_row bulk3 > /dev/null
done
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(bulk\d) r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +\S+ +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m: rows.setdefault((int(m.group(2)), int(m.group(3)), int(m.group(4))), {}).setdefault(m.group(1), []).append(float(m.group(5)))
print("d c page | old loop (rounds) | bulk (rounds) | bulk, first seq by heads | that, estimate at 45 GB/s an SM")
for k in sorted(rows):
    f = lambda x: "%+5.1f (%s)" % (st.mean(x), " ".join("%+.1f" % y for y in x)) if x else "-"
    print("%3d %d %4d | %s | %s | %s | %s" % (k + tuple(f(rows[k].get("bulk%d" % m, [])) for m in range(4))))
PY
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s72a
