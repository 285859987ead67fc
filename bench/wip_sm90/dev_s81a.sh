#!/bin/bash
# Session 81, call a: why the trace build reads d128 causal page 9 at +1.8% (RESULTS 3.5a) where
# pa-bench and ncu read +3.6..4.5. d128 causal B4 H16 8k, never copying (kv copy limit 0):
#   pb1 / pb0   pa-bench's paired rows with / without the L2 flush before each call (--flush)
#   py1 / py0   pytime.py, the library with trace.py's inputs (torch.randn, torch.randperm table),
#               with / without a 256 MB flush
#   trace.py    build_tr (-DSM90_TRACE -DSM90_TT_KV=1): per-CTA fit (fixed + per tile) and the
#               per-tile consumer steps, K's full wait apart from V's, at contiguous / 9 / 12 / 16
#   ncu         the TMA-named metrics (whatever ncu --query-metrics lists for gh100) of the
#               contiguous call and the paged call at pages 9 / 16
# .carry/bins.tar.xz: build/{pa-bench,test_gpu,libpagedattn.so} (library, SASS 95255364),
# build_tr/libpagedattn.so.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t81a build_tr/libpagedattn.so
PA_TEST_CASES=30 PA_TEST_SEED=81001 timeout 60 build/test_gpu > "$T/auto.log" 2>&1 &
wait
test_summary
P=9,10,11,12,13,16
for r in 1 2; do
    A="--prefill-only --table frag --no-check --iters 10 --dims 128 --causal 1 --pages $P --kv-copy-limit 0"
    build/pa-bench $A 2>&1 | pa_row pb1 > /dev/null
    build/pa-bench $A --flush 0 2>&1 | pa_row pb0 > /dev/null
done
paired_table "pb1 pb0"
echo "pa-bench done $(el)" | tee -a "$O/summary.txt"
S="128:8192:8192:1:9 128:8192:8192:1:12 128:8192:8192:1:16"
for f in 1 0; do
    PAGEDATTN_LIBRARY=build/libpagedattn.so timeout 120 python3 bench/wip_sm90/pytime.py --flush $f $S 2>&1 | tee -a "$O/summary.txt"
done
echo "pytime done $(el)" | tee -a "$O/summary.txt"
PA_TRACE_NO_COPY=1 TT_KV=1 PAGEDATTN_LIBRARY=build_tr/libpagedattn.so timeout 150 python3 bench/wip_sm90/trace.py \
    128:8192:8192:1 128:8192:8192:1:9 128:8192:8192:1:12 128:8192:8192:1:16 > "$T/trace.txt" 2>&1
grep -E "^==|per CTA fit|steady tile|fixed per CTA|entry -> K tile 0|entry -> wg0 S\(0\)|full wait|issue S|S\(j\) wait|softmax|P V\(j-1\)|rescale|tile period|turn wait" "$T/trace.txt" | tee -a "$O/summary.txt"
echo "trace done $(el)" | tee -a "$O/summary.txt"
ncu --query-metrics --chip gh100 > "$T/ncu_metrics.txt" 2>&1
M=$(grep -iE "tma|bulk|utma" "$T/ncu_metrics.txt" | awk '{print $1}' | grep -E "^[a-z0-9_]+__" | head -40 | sed 's/$/.sum/' | paste -sd,)
echo "ncu metrics: $M" | tee -a "$O/summary.txt"
if [ -n "$M" ]; then
    for pg in 9 16; do
        timeout 150 ncu --csv --metrics "gpu__time_duration.sum,$M" -k regex:sm90_prefill_kernel --launch-count 2 \
            build/pa-bench --prefill-only --table frag --no-check --iters 1 --warmup 0 --paired 0 --dims 128 --causal 1 \
            --pages $pg --kv-copy-limit 0 > "$T/ncu_p$pg.txt" 2>&1
        echo "ncu page $pg rc=$? $(el)" | tee -a "$O/summary.txt"
    done
    python3 - "$T/ncu_p9.txt" "$T/ncu_p16.txt" <<'PY' | tee -a "$O/summary.txt"
import csv, sys
for path in sys.argv[1:]:
    rows = list(csv.reader(l for l in open(path) if l.startswith('"')))
    if not rows: print(path, "no rows"); continue
    h = rows[0]; iid, im, iv = h.index("ID"), h.index("Metric Name"), h.index("Metric Value")
    k = {}
    for r in rows[1:]:
        k.setdefault(r[iid], {})[r[im]] = r[iv]
    ids = sorted(k, key=int)
    print("==", path.split("/")[-1], "launches", ids, "(contiguous, paged)")
    for m in sorted(k[ids[0]]):
        print("  %-70s %s" % (m, "  ".join(k[i].get(m, "-") for i in ids)))
PY
fi
dev_end logs_s81a
