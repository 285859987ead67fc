#!/bin/bash
# Session 74, call b: what would a bulk copy beside cost without the first wave's stall? s72's M105
# (every sequence by bulk copies, readiness per sequence) lost to its first wave's wait, and M105b
# (the first sequence by the old loop's loads, the rest bulk) tied the old loop; s73a's trace put
# M105b's bulk part beside the attention at ~31 GB/s an SM (45..50 alone), the old loop at ~35
# (34.5 alone, s74a's ncu). A design that counts readiness per (sequence, key range) would keep the
# bulk rate without the stall; its best case is M105 with --copy-nowait 1 (the attention waits for no
# counter: timing only, it reads the previous call's copy). build_bk = bench/wip_sm90/m105_bulk_copy.patch
# on 90bc665 with -DPA_COPY_BULK_SW=23 -DPA_COPY_BULK_U=4 (attention SASS 95255364, as build's).
# Rows: d64 / d256 pages 9 / 33 (d64 33 reads in place: a control), both masks, two rounds of
#   w / n: build (the old loop), waiting / not;  b1w / b1n: M105;  b2w / b2n: M105b.
. "$(dirname "$0")/dev_lib.sh"
dev_begin /tmp/t74b build/pa-bench
[ -e build_bk/pa-bench ] || tar xJf .carry/bk.tar.xz || { echo "unpack bk failed"; exit 1; }
PA_TEST_KV_COPY_BULK=1 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=16 PA_TEST_HEAD_DIM=256 PA_TEST_CASES=20 \
    PA_TEST_SEED=74201 timeout 60 build_bk/test_gpu > "$T/bk1_256.log" 2>&1 &
PA_TEST_KV_COPY_BULK=2 PA_TEST_KERNEL=sm90 PA_TEST_SM90_COPY=1 PA_TEST_SM90_COPY_CTAS=16 PA_TEST_HEAD_DIM=64 PA_TEST_CASES=20 \
    PA_TEST_SEED=74202 timeout 60 build_bk/test_gpu > "$T/bk2_64.log" 2>&1 &
wait
test_summary
A="--prefill-only --table frag --no-check --iters 10 --dims 64,256 --pages 9,33"
for r in $(seq 1 "${ROUNDS:-2}"); do
    build/pa-bench $A 2>&1 | pa_row w > /dev/null
    build/pa-bench $A --copy-nowait 1 2>&1 | pa_row n > /dev/null
    build_bk/pa-bench $A --copy-bulk 1 2>&1 | pa_row b1w > /dev/null
    build_bk/pa-bench $A --copy-bulk 1 --copy-nowait 1 2>&1 | pa_row b1n > /dev/null
    build_bk/pa-bench $A --copy-bulk 2 2>&1 | pa_row b2w > /dev/null
    build_bk/pa-bench $A --copy-bulk 2 --copy-nowait 1 2>&1 | pa_row b2n > /dev/null
done
paired_table "w n b1w b1n b2w b2n"
echo "bench done $(el)" | tee -a "$O/summary.txt"
dev_end logs_s74b
