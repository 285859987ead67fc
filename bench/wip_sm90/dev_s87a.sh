#!/bin/bash
# Prepared in session 86 (not run: device lending paused): M118 (SM90_QPF: producer warp 1 of the
# d128 / d256 contiguous PAIR instances prefetches into L2 the Q rows of the CTA a wave ahead) on
# the GPU, ~150 s. Binaries: .carry/qpf.tar.xz = build_qpf/{pa-bench, test_gpu} built with
# `make -j2 BUILD=build_qpf NVEXTRA=-DSM90_QPF=1 build_qpf/pa-bench build_qpf/test_gpu` at the
# commit that wrote this script (prefill SASS of the default build unchanged, 546a72c9).
# Run in session 87 (RESULTS 3.5za: rejected); the SM90_QPF code was then removed: rebuild at 55108df.
# 1. Tests of the QPF build (pa__sm90_qpf 1): automatic, forced sm90 d128 / d256, memcheck d128.
# 2. Contiguous d128 / d256 B4 H16, both masks, 2048 (50 iterations) and 8192 (10), the same
#    binary with --qpf 1 and --qpf 0 in turn, 4 rounds: each cell's on / off time ratio.
# Predicted (the header's M118): 2048 about -2%, 8192 about -0.6%. Adopt (SM90_QPF 1 by default)
# only if 2048 gains in every round and 8192 does not lose; then the integrated run.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t87a build/pa-bench
[ -e build_qpf/pa-bench ] || tar xJf .carry/qpf.tar.xz || { echo "unpack failed"; exit 1; }
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
PA_TEST_CASES=30 PA_TEST_SEED=87001 timeout 90 build_qpf/test_gpu > "$T/qpf_auto.log" 2>&1 &
for d in 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((87000 + d)) timeout 90 build_qpf/test_gpu > "$T/qpf_sm90_$d.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=3 PA_TEST_LONG_RANGE=0 PA_TEST_SEED=87002 timeout 120 \
    compute-sanitizer --tool memcheck build_qpf/test_gpu > "$T/qpf_mc.log" 2>&1 &
wait
test_summary
for r in 1 2 3 4; do
    for q in 1 0; do
        for a in "2048 50" "8192 10"; do
            set -- $a
            build_qpf/pa-bench --prefill-only --table contig --no-check --batch 4 --heads 16 --kv-heads 16 --dims 128,256 \
                --causal both --pages 128 --seqlen $1 --iters $2 --qpf $q 2>&1 | grep -E "^ *prefill .* none " | sed "s/^/qpf$q r$r /" >> "$O/summary.txt"
        done
    done
    echo "round $r $(el)" >> "$O/summary.txt"
done
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
t = {}
for line in open(sys.argv[1]):
    m = re.match(r"qpf(\d) r(\d+) +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +(\d+) +(\d) +none +- +([\d.]+)", line)
    if m:
        q, r, d, sk, c, ms = m.groups()
        t.setdefault((int(sk), int(d), int(c)), {}).setdefault(int(r), {})[int(q)] = float(ms)
print("sk d causal | on / off per round | mean")
for k in sorted(t):
    rs = [v[1] / v[0] for _, v in sorted(t[k].items()) if 0 in v and 1 in v]
    print("%5d %3d %d | %s | %.4f" % (k + (" ".join("%.4f" % x for x in rs), st.mean(rs) if rs else 0)))
PY
dev_end logs_s87a
tail -12 "$O/summary.txt"
