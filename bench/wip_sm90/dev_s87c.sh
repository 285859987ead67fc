#!/bin/bash
# Session 87's last call, for little budget (~150 s): dev_s87b.sh's step 1 (memcheck through M117's
# groups: forced split at 300 kB / 100 kB copy limits, d128 / d256, 6 short cases each; each log's
# "ran as groups" count must be nonzero), then TARGETS.md's 2048 shape only: contiguous d128 B4
# H16 against cuDNN and FA2 interleaved (bench/interleaved.py --shapes short), and pa-bench's
# fragmented rows at 2048 (both masks, the seed's page sizes, 20 paired iterations, sampled check).
O=${OUT:-/tmp/out}; mkdir -p "$O"
t0=$(date +%s)
[ -e build/pa-bench ] || tar xJf .carry/bins.tar.xz || { echo "unpack failed"; exit 1; }
export PAGEDATTN_LIBRARY=$PWD/build/libpagedattn.so
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv > "$O/summary.txt"
. "$(dirname "$0")/dev_lib.sh"
split_memcheck "$O" 60 >> "$O/summary.txt"
echo "memcheck done $(( $(date +%s) - t0 ))s" >> "$O/summary.txt"
timeout 90 python3 bench/interleaved.py --shapes short --fa2 --rounds 6 --out "$O" > "$O/inter.log" 2>&1
echo "interleaved rc=$? $(( $(date +%s) - t0 ))s" >> "$O/summary.txt"; grep "^stream" "$O/inter.log" >> "$O/summary.txt"
timeout 50 build/pa-bench --prefill-only --batch 4 --heads 16 --kv-heads 16 --seqlen 2048 --dims 128 --causal both \
    --table frag --pages 1,3,4,8,16,32,48,64,100,128,256,672 --iters 20 > "$O/pa2k.log" 2>&1
echo "pa2k rc=$? $(( $(date +%s) - t0 ))s" >> "$O/summary.txt"; grep "prefill" "$O/pa2k.log" >> "$O/summary.txt"
cat "$O/summary.txt"
