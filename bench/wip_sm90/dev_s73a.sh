#!/bin/bash
# (Its hint rows need bench/wip_sm90/copy_hint.patch since the knob left the library after this run.)
# Session 73, call a: session 72's dev_s72d.sh (never run; removed, this holds all of it) with the copy beside's L2 hints added. First the
# library after M105's removal (host code only; prefill SASS 95255364): automatic, the copy forced
# beside on 8 blocks at every head_dim (hint 0, and hints 1 / 2 at d64 / d256), forced sm90 at d128,
# threads. Then what the copy beside costs: pa-bench's paired rows where the library copies beside
# (d64 page 9, d256 pages 9 / 12 / 33; 12 / 33 at d64 read in place, as controls), both masks,
# three rounds of: w (as the library runs), n (--copy-nowait 1: the attention waits for no
# counter), h1 / h2 (--copy-hint 1 / 2: the copy's loads / loads and stores marked L2 evict_first,
# so that its stream does not evict the attention's K / V tiles), w32 (32 copy blocks). Last, the
# timeline of the copy beside from a global-timer trace build (build_tr: -DSM90_TRACE -DSM90_TRACE_GT;
# trace_beside.py): the machine's SM time split into attention CTAs, waits, the copy's blocks, the rest;
# and the same for session 72's bulk copy (build_trb: m105_bulk_copy.patch applied, -DSM90_TRACE
# -DSM90_TRACE_GT -DPA_KV_COPY_BULK=2 -DPA_COPY_BULK_SW=23 -DPA_COPY_BULK_U=4), which tied the loop.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t73a build/pa-bench
PA_TEST_CASES=40 PA_TEST_SEED=73401 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
for d in 64 128 256; do
    PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$d PA_TEST_CASES=30 PA_TEST_SEED=$((73410 + d)) \
        timeout 60 build/test_gpu > "$T/ov8_$d.log" 2>&1 &
done
for h in 1 2; do
    PA_TEST_KV_COPY_HINT=$h PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=8 PA_TEST_HEAD_DIM=$((h == 1 ? 64 : 256)) \
        PA_TEST_CASES=30 PA_TEST_SEED=$((73420 + h)) timeout 60 build/test_gpu > "$T/ov8_hint$h.log" 2>&1 &
done
PA_TEST_KERNEL=sm90 PA_TEST_HEAD_DIM=128 PA_TEST_CASES=40 PA_TEST_SEED=73402 timeout 60 build/test_gpu > "$T/sm90_128.log" 2>&1 &
PA_TEST_SEED=73403 timeout 60 build/test_threads > "$T/threads.log" 2>&1 &
wait
test_summary
PAGEDATTN_LIBRARY=build_tr/libpagedattn.so PYTHONPATH=python timeout 150 python3 bench/wip_sm90/trace_beside.py \
    256:8192:8192:1:9 256:8192:8192:0:9 256:8192:8192:1:33 64:8192:8192:0:9 128:8192:8192:1:9 128:8192:8192:1:12 > "$T/trace.txt" 2>&1
tail -n 90 "$T/trace.txt" | tee -a "$O/summary.txt"
echo "trace (bulk copy: build_trb, M105b with 23 store warps, m105_bulk_copy.patch)" | tee -a "$O/summary.txt"
PAGEDATTN_LIBRARY=build_trb/libpagedattn.so PYTHONPATH=python timeout 60 python3 bench/wip_sm90/trace_beside.py \
    256:8192:8192:1:9 256:8192:8192:1:33 > "$T/trace_bulk.txt" 2>&1
tail -n 40 "$T/trace_bulk.txt" | tee -a "$O/summary.txt"
echo "trace (never copying: the d256 gather in place, the per-CTA span ratio)" | tee -a "$O/summary.txt"
PA_TRACE_NO_COPY=1 PAGEDATTN_LIBRARY=build_tr/libpagedattn.so PYTHONPATH=python timeout 60 python3 bench/wip_sm90/trace_beside.py \
    256:8192:8192:1:9 256:8192:8192:0:9 > "$T/trace_gather.txt" 2>&1
tail -n 30 "$T/trace_gather.txt" | tee -a "$O/summary.txt"
echo "trace done $(el)" | tee -a "$O/summary.txt"
A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 64,256 --pages 9,12,33"
for r in $(seq 1 "${ROUNDS:-2}"); do
    $A 2>&1 | pa_row w > /dev/null
    $A --copy-nowait 1 2>&1 | pa_row n > /dev/null
    $A --copy-hint 1 2>&1 | pa_row h1 > /dev/null
    $A --copy-hint 2 2>&1 | pa_row h2 > /dev/null
    $A --copy-ctas 32 2>&1 | pa_row w32 > /dev/null
done
paired_table "w n h1 h2 w32"
echo "bench done $(el)" | tee -a "$O/summary.txt"
# what a caller gets with each hint where the library copies beside: d256 pages 9..48, d128 / d64
# pages 9..15, both masks, two rounds, the hints interleaved (3.4w's sweep for these rows)
for r in $(seq 1 "${SWEEP_ROUNDS:-1}"); do
    for h in 0 1 2; do
        build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages $(seq -s, 9 48) --copy-hint $h 2>&1 | pa_row sw$h
        build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 128,64 --pages $(seq -s, 9 15) --copy-hint $h 2>&1 | pa_row sw$h
    done > /dev/null
done
python3 - "$O/summary.txt" <<'PY' | tee -a "$O/summary.txt"
import re, sys, statistics as st
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"sw(\d) r\d+ +prefill +(\d+) +\d+ +\d+ +\d+ +\d+ +\d+ +(\d) +frag +(\d+) +\S+ +\S+ +\S+ +([+-]?\d+\.\d)%", line)
    if m: rows.setdefault((int(m.group(2)), int(m.group(3))), {}).setdefault(int(m.group(4)), {}).setdefault(int(m.group(1)), []).append(float(m.group(5)))
print("sweep: d c | hint 0 / 1 / 2: mean overhead over the pages, pages over 3% (means of 2 rounds)")
for (d, c), v in sorted(rows.items()):
    line = []
    for h in (0, 1, 2):
        m = {p: st.mean(x[h]) for p, x in v.items() if h in x}
        if m: line.append("h%d %+.2f, %d/%d over" % (h, st.mean(m.values()), sum(1 for a in m.values() if a > 3.0), len(m)))
    print("  d%d c%d | %s" % (d, c, " | ".join(line)))
    print("     " + " ".join("%d:%s" % (p, "/".join("%+.1f" % st.mean(x[h]) for h in (0, 1, 2) if h in x)) for p, x in sorted(v.items())))
PY
echo "sweep done $(el)" | tee -a "$O/summary.txt"
echo "done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s73a
