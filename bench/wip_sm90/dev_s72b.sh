#!/bin/bash
# Session 72, call b: M105b with 23 store warps (768 threads, 4 chunks a thread in its first-sequence
# loop: the old loop's in-flight loads) in build_sw23 against session 72a's 8 (build). Tests of
# build_sw23 with the copy forced beside (modes 2 and 1), racecheck of mode 2; then pa-bench's
# paired rows at d64 / d256 pages 9 / 11 / 12 / 33, both masks, three rounds: build mode 0 (the
# old loop) and 2, build_sw23 modes 2 and 1.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t72b build/pa-bench
for m in 1 2; do
    for d in 64 128 256; do
        PA_TEST_KV_COPY_BULK=$m PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 \
            PA_TEST_SEED=$((72200 + 10 * m + d)) timeout 90 build_sw23/test_gpu > "$T/sw23_m${m}_$d.log" 2>&1 &
    done
    PA_TEST_KV_COPY_BULK=$m PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_PAGES=64,100,256,672 PA_TEST_CASES=40 \
        PA_TEST_SEED=$((72300 + m)) timeout 90 build_sw23/test_gpu > "$T/sw23_m${m}_big.log" 2>&1 &
done
PA_TEST_KV_COPY_BULK=2 PA_TEST_SEED=72310 PA_TEST_CASES=30 timeout 90 build_sw23/test_gpu > "$T/sw23_auto.log" 2>&1 &
san racecheck build_sw23 256 64,100 2 72311 sw23_rc 100 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=4 PA_TEST_KV_COPY_BULK=2
wait
test_summary
A="--prefill-only --table frag --no-check --iters 10 --dims 64,256 --pages 9,11,12,33"
for r in 1 2 3; do
    build/pa-bench $A --copy-bulk 0 2>&1 | pa_row b8m0 > /dev/null
    build/pa-bench $A --copy-bulk 2 2>&1 | pa_row b8m2 > /dev/null
    build_sw23/pa-bench $A --copy-bulk 2 2>&1 | pa_row b23m2 > /dev/null
    build_sw23/pa-bench $A --copy-bulk 1 2>&1 | pa_row b23m1 > /dev/null
done
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}; names = ["b8m0", "b8m2", "b23m2", "b23m1"]
for line in open(sys.argv[1]):
    m = re.match(r"(b\d+m\d) r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +(\S+) +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m: rows.setdefault((int(m.group(2)), int(m.group(3)), int(m.group(4))), {}).setdefault(m.group(1), []).append((float(m.group(6)), float(m.group(5))))
print("d c page | " + " | ".join("%s: overhead (rounds) ms" % n for n in names))
for k in sorted(rows):
    f = lambda x: "%+5.1f (%s) %.3f" % (st.mean(a for a, _ in x), " ".join("%+.1f" % a for a, _ in x), st.median(b for _, b in x)) if x else "-"
    print("%3d %d %4d | %s" % (k + (" | ".join(f(rows[k].get(n, [])) for n in names),)))
PY
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s72b
