#!/bin/bash
# Session 43, the copy kernel's variants (kv_copy.cu, pa-bench --copy-variant): 0 the library's
# (4 chunks a thread a step), 1 with L2::256B loads and streaming (.cs) stores, 2 eight chunks a
# step, 3 both. ncu durations of the copy alone (d128 / d64 / d256, pages 1 / 4, causal, forced
# copy), variants alternated twice; then pa-bench's paired rows (unlocked clocks) at d128 causal
# pages 1 / 3 / 4 for each variant (the copy's effect on the attention kernel after it included).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t43e build/pa-bench
for pass in 1 2; do
    for v in 0 1 2 3; do
        timeout 40 ncu --csv -k regex:kv_copy_kernel --metrics gpu__time_duration.sum build/pa-bench --prefill-only --force-copy \
            --copy-variant $v --dims 128,64,256 --pages 1,4 --causal 1 --table frag --warmup 0 --iters 1 --no-check \
            > "$T/n_v${v}_$pass.txt" 2>&1
    done
    echo "ncu pass $pass $(el)" | tee -a "$O/summary.txt"
done
python3 - "$T" <<'PY' | tee -a "$O/summary.txt"
import csv, sys, glob, os
T = sys.argv[1]
for v in range(4):
    best = None
    for pas in (1, 2):
        rows = [r for r in csv.reader(l for l in open(os.path.join(T, f"n_v{v}_{pas}.txt")) if l.startswith('"'))]
        if not rows: continue
        h = rows[0]; iv = h.index("Metric Value")
        ts = [float(r[iv].replace(",", "")) / 1e3 for r in rows[1:] if len(r) > iv and "kv_copy" in r[h.index("Kernel Name")]]
        best = ts if best is None else [min(a, b) for a, b in zip(best, ts)]
    print(f"variant {v}: copy us (d128 p1, p4, d64 p1, p4, d256 p1, p4) = {' '.join(f'{t:.1f}' for t in (best or []))}")
PY
for v in 0 1 2 3; do
    timeout 60 build/pa-bench --prefill-only --force-copy --copy-variant $v --dims 128 --pages 1,3,4 --causal 1 --table frag \
        --iters 20 > "$T/pab_v$v.txt" 2>&1
    echo "pa-bench variant $v $(el): $(grep prefill "$T/pab_v$v.txt" | awk '{printf "%s ", $(NF-2)}')" | tee -a "$O/summary.txt"
done
dev_end logs_s43e
