#!/bin/bash
# Session 85 (~200 s): TARGETS.md's other prefill shapes, never measured side by side before
# (RESULTS 4 "Not measured": seqlen 65536), with the library as it is (HEAD's build in
# .carry/bins.tar.xz, the build of RESULTS 2.72):
# 1. bench/interleaved.py --shapes long,short --fa2: contiguous d128 B4 H16 at 65536 and 2048,
#    both masks, ours against cuDNN (and FA2) interleaved in one process, with ours' error vs SDPA.
# 2. pa-bench paged rows, fragmented tables, with pa-bench's sampled check against the double
#    reference: d128 65536 both masks at the seed's page sizes (3 paired iterations a row);
#    d128 2048 both masks (20). Then, as time allows, d64 (H32) and d256 65536 causal at pages 1 /
#    8 / 16 / 100.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t85b build/pa-bench
export PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
PG=1,3,4,8,16,32,48,64,100,128,256,672
timeout 240 python3 bench/interleaved.py --shapes long,short --fa2 --rounds 6 --out "$O" > "$T/inter.log" 2>&1
echo "interleaved rc=$? $(el)" >> "$O/summary.txt"; grep "^stream" "$T/inter.log" >> "$O/summary.txt"; tail -3 "$T/inter.log" | grep -iv "^stream" >> "$O/summary.txt"
timeout 200 build/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 65536 --dims 128 --causal both \
    --table frag --pages $PG --iters 3 --warmup 1 > "$T/pa65k.log" 2>&1
echo "pa65k rc=$? $(el)" >> "$O/summary.txt"; grep "prefill" "$T/pa65k.log" >> "$O/summary.txt"
timeout 60 build/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128 --causal both \
    --table frag --pages $PG --iters 20 > "$T/pa2k.log" 2>&1
echo "pa2k rc=$? $(el)" >> "$O/summary.txt"; grep "prefill" "$T/pa2k.log" >> "$O/summary.txt"
for dh in 64:32 256:16; do
    d=${dh%:*}; h=${dh#*:}
    if [ -n "$LIMIT" ] && [ $(( $(date +%s) - t0 + 60 )) -gt "$LIMIT" ]; then echo "d$d skipped $(el)" >> "$O/summary.txt"; continue; fi
    timeout 90 build/pa-bench --prefill-only --batch 4 --heads $h --kv-heads $h --seqlen 65536 --dims $d --causal 1 \
        --table frag --pages 1,8,16,100 --iters 3 --warmup 1 > "$T/pa65k_$d.log" 2>&1
    echo "pa65k d$d rc=$? $(el)" >> "$O/summary.txt"; grep "prefill" "$T/pa65k_$d.log" >> "$O/summary.txt"
done
cp "$T/inter.log" "$O/" 2>/dev/null
dev_end logs_s85b
tail -60 "$O/summary.txt"
