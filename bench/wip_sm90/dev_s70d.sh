#!/bin/bash
# Session 70, call d: every page size from 8 to 128 (and 144..200, 256, 672), every head_dim, both
# masks, on the library with M104 (98d31d5), ncu, the library's own choice (copy where its estimate
# says), one pass: which page sizes still miss the 3% bar. Tests first. (NEVER_COPY=1: no tests, and
# never copying: the first run's pa_ncu.py could not map the default's copy launches to its rows.)
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t70d /nonexistent
if [ -z "$NEVER_COPY" ]; then
PA_TEST_CASES=60 PA_TEST_SEED=70301 timeout 100 build/test_gpu > "$T/auto.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=64 PA_TEST_PAGES=9,10,11,12,13,14,15,129,200 PA_TEST_CASES=60 PA_TEST_SEED=70302 timeout 100 build/test_gpu > "$T/d64_edge.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_PAGES=9,10,11,19,29,39,130,175 PA_TEST_CASES=60 PA_TEST_SEED=70303 timeout 100 build/test_gpu > "$T/d128_edge.log" 2>&1 &
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=40 PA_TEST_SEED=70304 timeout 100 build/test_gpu > "$T/d256.log" 2>&1 &
san memcheck build 64 12,13,47 3 70305 mc_64 120
wait
test_summary
fi
# (pa-bench takes at most 32 page sizes a call)
A=$(seq -s, 8 37); B=$(seq -s, 38 67); C=$(seq -s, 68 97); D=$(seq -s, 98 128); E=144,150,160,175,176,192,200,256,672
sets=()
for d in 128 64 256; do
    for x in A B C D E; do sets+=("s${d}$x --dims $d --pages ${!x} --iters 2${NEVER_COPY:+ --pa-extra=\"--kv-copy-limit 0\"}"); done
done
NCU_MAXP=1 ncu_sets "build" 500 "${sets[@]}" > /dev/null
python3 - "$T" <<'PY' | tee -a "$O/summary.txt"
import glob, re, sys
over = []; n = 0
for f in sorted(glob.glob(sys.argv[1] + "/s*_build_1.txt")):
    for line in open(f):
        m = re.match(r"\s*(\d+)\s+(\d)\s+(\d+)\s+\S+\s+\S+\s+([+-]\d+\.\d)%", line)
        if m:
            n += 1
            if float(m.group(4)) > 3.0: over.append("%s/%s/%s %s" % m.groups())
print("cells", n, "over 3%:", len(over)); print("  ".join(over))
PY
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s70d
