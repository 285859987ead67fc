#!/bin/bash
# Session 74, call a: is the copy beside's cost its L2 traffic? s73a's trace (RESULTS 3.5a) put
# d256 causal page 9's +5.3% into the copy's blocks (3.6 of the SM time, ~35 GB/s an SM for both the
# loop and the bulk copy, which moves 45..50 alone), a slower attention during the copy (+2.8% a tile,
# its clock 1.8% lower) and small waits. The model to test: the contiguous d256 / d128 attention
# already keeps L2 near its limit, so the copy's 1.07 GB (537 MB read, as many written) costs about
# its bytes over L2's rate however many SMs move them (1.07 GB / ~6.6 TB/s ~ 160 us ~ 5% of 3.1 ms).
#  1. ncu (locked clocks, one kernel at a time): each kernel's duration, L2 throughput (% of peak and
#     bytes), DRAM throughput and SM throughput, for the contiguous call and page 9 in place (the
#     gather at d256 / d64, page runs at d128) at every head_dim, both masks; then the copy kernel
#     alone (d256 causal page 9, the library's choice: 16 blocks) and the attention on its copy.
#  2. pa-bench's paired rows at d256 pages 9 / 33, both masks: the estimate's 16 copy blocks (w)
#     against 8 (w8) and 24 (w24), two rounds. The model says the blocks matter little (the bytes
#     do); the SM-time model says w8 costs half the copy's SM time (and more waits).
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t74a build/pa-bench
M=gpu__time_duration.sum,lts__throughput.avg.pct_of_peak_sustained_elapsed,lts__t_bytes.sum,dram__throughput.avg.pct_of_peak_sustained_elapsed,dram__bytes_read.sum,dram__bytes_write.sum,sm__throughput.avg.pct_of_peak_sustained_elapsed
P="build/pa-bench --prefill-only --table frag --warmup 0 --iters 1 --no-check --pages 9"
timeout 150 ncu --csv --print-units base -k regex:"sm90|kv_copy" --metrics "$M" $P --dims 64,128,256 --causal both \
    --kv-copy-limit 0 > "$T/ncu_inplace.csv" 2> "$T/ncu_inplace.err"
echo "ncu in place rc=$? $(el)" | tee -a "$O/summary.txt"
timeout 60 ncu --csv --print-units base -k regex:"sm90|kv_copy" --metrics "$M" $P --dims 256 --causal both \
    > "$T/ncu_copy.csv" 2> "$T/ncu_copy.err"
echo "ncu copy rc=$? $(el)" | tee -a "$O/summary.txt"
for f in ncu_inplace ncu_copy; do
    echo "== $f (launch order: per head_dim and mask, the contiguous call, then [paged, contiguous])" | tee -a "$O/summary.txt"
    python3 - "$T/$f.csv" <<'PY' | tee -a "$O/summary.txt"
import csv, sys, re
rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if l.startswith('"'))]
if not rows:
    print("(no ncu rows)"); sys.exit(0)
h = rows[0]; ii, iname, im, iv = h.index("ID"), h.index("Kernel Name"), h.index("Metric Name"), h.index("Metric Value")
ig = h.index("Grid Size") if "Grid Size" in h else None
k, order = {}, []
for r in rows[1:]:
    if r[ii] not in k:
        k[r[ii]] = (r[iname], r[ig] if ig is not None else "", {}); order.append(r[ii])
    try: k[r[ii]][2][r[im]] = float(r[iv].replace(",", ""))
    except ValueError: pass
print("%-4s %-52s %-14s %9s %6s %7s %7s %6s %7s %7s %6s" % ("id", "kernel", "grid", "us", "L2 %", "L2 GB", "L2 TB/s", "DRAM%", "rd GB", "wr GB", "SM %"))
for i in order:
    n, g, m = k[i]
    s = re.sub(r"\(.*", "", re.sub(r"^void ", "", n))
    t = re.search(r"<(.*)>", n)
    s = (s + ("<" + t.group(1) + ">" if t else ""))[:52]
    us = m.get("gpu__time_duration.sum", 0) / 1e3
    lb = m.get("lts__t_bytes.sum", 0)
    print("%-4s %-52s %-14s %9.1f %6.1f %7.2f %7.2f %6.1f %7.3f %7.3f %6.1f" % (
        i, s, g, us, m.get("lts__throughput.avg.pct_of_peak_sustained_elapsed", -1), lb / 1e9,
        lb / max(us, 1e-9) / 1e6, m.get("dram__throughput.avg.pct_of_peak_sustained_elapsed", -1),
        m.get("dram__bytes_read.sum", 0) / 1e9, m.get("dram__bytes_write.sum", 0) / 1e9,
        m.get("sm__throughput.avg.pct_of_peak_sustained_elapsed", -1)))
PY
    tail -3 "$T/$f.err" | tee -a "$O/summary.txt"
done
echo "ncu done $(el)" | tee -a "$O/summary.txt"
A="build/pa-bench --prefill-only --table frag --no-check --iters 10 --dims 256 --pages 9,33"
for r in $(seq 1 "${ROUNDS:-2}"); do
    $A 2>&1 | pa_row w > /dev/null
    $A --copy-ctas 8 2>&1 | pa_row w8 > /dev/null
    $A --copy-ctas 24 2>&1 | pa_row w24 > /dev/null
done
paired_table "w w8 w24"
echo "bench done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s74a
