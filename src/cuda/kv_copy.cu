/*
 * The copy of a paged cache into a contiguous one (prefill_sm90.cu's M80): keys [0, seq_lens[b])
 * of sequence b go to rows [b * max_seq_len, b * max_seq_len + seq_lens[b]) of dst_k / dst_v,
 * laid out [batch][max_seq_len][num_kv_heads][head_dim] (NHD). Rows past a sequence's length
 * are not written (the contiguous kernels never use them). A key whose page id is outside
 * [0, num_pages) is written as zeros: nothing outside the caller's buffers is read.
 *
 * The copy is a flat walk over 16-byte chunks: chunk i of the destination (i * 16 bytes in) is
 * row i / chunks_row, chunk i % chunks_row of that row. One resident wave of blocks strides over
 * them, each thread taking PA_COPY_UNROLL chunks a step (a warp's 32 chunks share a row when the
 * row has a multiple of 32, so their page lookup is one broadcast load), all loads before the
 * stores; no shared memory and no barrier, so every warp keeps its own loads in flight.
 * 2-byte dtypes with 16-byte aligned rows only (what the Hopper kernel's supports() asks).
 *
 * M82 (below): the same copy on a few blocks beside the attention, item by item, with counters
 * the attention waits on. Its rate is ~30 GB/s an SM (session 45, RESULTS 3.3f), so it pays for the
 * SMs it holds rather than for DRAM time.
 */
#include "internal.h"
#include "common.cuh"
#include <string.h>
#include <cuda.h>
#include <cudaTypedefs.h>

/* tests / measurement: 1 keeps M83's TMA copy off (the register copy everywhere); calls that took it */
extern "C" int pa__kv_copy_tma_off;
int pa__kv_copy_tma_off = 0;
extern "C" long pa__kv_copy_tma_calls;
long pa__kv_copy_tma_calls = 0;

#define PA_COPY_THREADS 256
#define PA_COPY_UNROLL  4

/* the paged cache and its contiguous copy, the fields both copy kernels read */
typedef struct pa_copy_io {
    const char    *k, *v;           /* the paged cache */
    int64_t        k_sp, k_st, k_sh, v_sp, v_st, v_sh;   /* its strides, bytes */
    char          *dk, *dv;         /* the contiguous copy */
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    int32_t        num_pages, max_seq_len;
} pa_copy_io;

static void pa_copy_io_fill(pa_copy_io *io, const pa__problem *pb, void *dk, void *dv)
{
    io->k = (const char *)pb->k; io->v = (const char *)pb->v;
    io->k_sp = pb->k_stride_page * 2; io->k_st = pb->k_stride_token * 2; io->k_sh = pb->k_stride_head * 2;
    io->v_sp = pb->v_stride_page * 2; io->v_st = pb->v_stride_token * 2; io->v_sh = pb->v_stride_head * 2;
    io->dk = (char *)dk; io->dv = (char *)dv;
    io->page_table = pb->page_table; io->pt_stride = pb->page_table_stride;
    io->seq_lens = pb->seq_lens;
    io->num_pages = pb->num_pages; io->max_seq_len = pb->max_seq_len;
}

typedef struct pa_copy_params {
    pa_copy_io     io;
    int32_t        total;           /* chunks: batch x max_seq_len x chunks_row (< 2^31) */
    pa_fastdiv     div_row;         /* by chunks_row: the 16-byte chunks of a key's row (every head) */
    pa_fastdiv     div_head;        /* by chunks_head = head_dim / 8 */
    pa_fastdiv     div_seq;         /* by max_seq_len */
    pa_fastdiv     div_page;        /* by page_size */
} pa_copy_params;

__global__ void __launch_bounds__(PA_COPY_THREADS)
pa_kv_copy_kernel(const pa_copy_params p)
{
    const int32_t step = (int32_t)(gridDim.x * PA_COPY_THREADS * PA_COPY_UNROLL);
    for (int32_t base = (int32_t)(blockIdx.x * PA_COPY_THREADS * PA_COPY_UNROLL + threadIdx.x); base < p.total;
         base += step) {
        uint4 xk[PA_COPY_UNROLL], xv[PA_COPY_UNROLL];
        bool keep[PA_COPY_UNROLL];
#pragma unroll
        for (int u = 0; u < PA_COPY_UNROLL; u++) {
            const int32_t i = base + u * PA_COPY_THREADS;
            xk[u] = make_uint4(0, 0, 0, 0);
            xv[u] = make_uint4(0, 0, 0, 0);
            keep[u] = false;
            if (i < p.total) {
                const uint32_t row = pa_fastdiv_q(p.div_row, (uint32_t)i);
                const uint32_t c = (uint32_t)i - row * p.div_row.div;
                const uint32_t b = pa_fastdiv_q(p.div_seq, row);
                const uint32_t j = row - b * p.div_seq.div;
                int len = p.io.seq_lens[b];
                if ((int)j < len) {
                    keep[u] = true;
                    const uint32_t pi = pa_fastdiv_q(p.div_page, j);
                    const int page = p.io.page_table[(int64_t)b * p.io.pt_stride + pi];
                    if (page >= 0 && page < p.io.num_pages) {
                        const int64_t slot = (int64_t)(j - pi * p.div_page.div);
                        const uint32_t h = pa_fastdiv_q(p.div_head, c);
                        const int64_t e = (int64_t)(c - h * p.div_head.div) * 16;
                        xk[u] = __ldg((const uint4 *)(p.io.k + page * p.io.k_sp + slot * p.io.k_st + h * p.io.k_sh + e));
                        xv[u] = __ldg((const uint4 *)(p.io.v + page * p.io.v_sp + slot * p.io.v_st + h * p.io.v_sh + e));
                    }
                }
            }
        }
#pragma unroll
        for (int u = 0; u < PA_COPY_UNROLL; u++) {
            if (keep[u]) {
                const int64_t off = (int64_t)(base + u * PA_COPY_THREADS) * 16;
                *(uint4 *)(p.io.dk + off) = xk[u];
                *(uint4 *)(p.io.dv + off) = xv[u];
            }
        }
    }
}

/* ---- M82: the copy beside the attention -------------------------------------------------------
 * A few resident blocks copy the cache while the attention kernel (launched after it by
 * programmatic dependent launch) runs on the other SMs. Work items are the (sequence, kv head)
 * pairs in the attention grid's order (sequence-major); every warp of the grid copies its share
 * of each item's rows, K and V, then orders its stores for the TMA that reads them (the
 * generic-to-async proxy fence) and adds 1 to the item's counter in ready[] with release
 * semantics, a step late (after its next loads are issued). An item is copied when its counter
 * reaches the grid's warp count; the attention's producers wait for that before their first load
 * of the item. The blocks trigger the dependent launch first thing, so every one of them is
 * resident before any attention CTA can wait on it. */
#define PA_COPY_OV_THREADS 768   /* x 4 chunks: 80 registers, none spilled (1024 spilled) */
#define PA_COPY_OV_UNROLL  4

typedef struct pa_copy_ov_params {
    pa_copy_io     io;
    uint32_t      *ready;
    int32_t        items, kv_heads;
    pa_fastdiv     div_hk;          /* by kv heads */
    pa_fastdiv     div_cph;         /* by the 16-byte chunks of one head's row, head_dim / 8 */
    pa_fastdiv     div_page;        /* by page_size */
} pa_copy_ov_params;

/* One warp's share of an item: chunks [lo, hi) of its K (and V) rows, a chunk being 16 bytes of one
 * head's row (row i / cph, chunk i % cph); where they come from and go to. */
struct pa_ov_item {
    uint32_t lo, hi;
    const int32_t *pt;              /* the sequence's page-table row */
    const char *kb, *vb;            /* the kv head's K / V within a page's row */
    int64_t dbase;                  /* its row 0 in the copy */
};

__device__ __forceinline__ pa_ov_item pa_ov_enter(const pa_copy_ov_params &p, int item, uint32_t w, uint32_t nw)
{
    pa_ov_item it;
    const uint32_t b = pa_fastdiv_q(p.div_hk, (uint32_t)item);
    const uint32_t kvh = (uint32_t)item - b * p.div_hk.div;
    const int len = p.io.seq_lens ? min(max(p.io.seq_lens[b], 0), p.io.max_seq_len) : p.io.max_seq_len;
    const uint32_t n = (uint32_t)len * p.div_cph.div;
    it.lo = (uint32_t)((uint64_t)n * w / nw);
    it.hi = (uint32_t)((uint64_t)n * (w + 1) / nw);
    it.pt = p.io.page_table + (int64_t)b * p.io.pt_stride;
    it.kb = p.io.k + (int64_t)kvh * p.io.k_sh;
    it.vb = p.io.v + (int64_t)kvh * p.io.v_sh;
    it.dbase = ((int64_t)b * p.io.max_seq_len * p.kv_heads + kvh) * p.div_cph.div * 16;
    return it;
}

/* this warp is done with item: its stores (if any) visible to the async proxy and at gpu scope,
 * then counted (release; the attention's producers acquire) */
__device__ __forceinline__ void pa_ov_signal(const pa_copy_ov_params &p, int item, bool stored, uint32_t lane)
{
#if __CUDA_ARCH__ >= 900
    if (stored) asm volatile("fence.proxy.async.global;\n" ::: "memory");
    __syncwarp();
    if (lane == 0) asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + item) : "memory");
#endif
}

/* the first item after `item` with chunks for this warp, in *it (p.items: none); the items in
 * between are counted at once (nothing of them here) */
__device__ __forceinline__ int pa_ov_next(const pa_copy_ov_params &p, int item, uint32_t w, uint32_t nw,
                                          uint32_t lane, pa_ov_item &it)
{
    while (++item < p.items) {
        it = pa_ov_enter(p, item, w, nw);
        if (it.lo < it.hi) break;
        pa_ov_signal(p, item, false, lane);
    }
    return item;
}

#ifdef PA_COPY_OV_PF
/* (experiment, session 46) L2 prefetch of this warp's rows of the first item after `item` with
 * chunks here: one bulk prefetch per row of K and of V, a row being one head's cph x 16 bytes */
__device__ __forceinline__ void pa_ov_prefetch(const pa_copy_ov_params &p, int item, uint32_t w, uint32_t nw,
                                               uint32_t lane)
{
#if __CUDA_ARCH__ >= 900
    pa_ov_item nx;
    while (++item < p.items) {
        nx = pa_ov_enter(p, item, w, nw);
        if (nx.lo < nx.hi) break;
    }
    if (item >= p.items) return;
    const uint32_t bytes = p.div_cph.div * 16;
    const uint32_t r1 = pa_fastdiv_q(p.div_cph, nx.hi - 1);
    for (uint32_t j = pa_fastdiv_q(p.div_cph, nx.lo) + lane; j <= r1; j += 32) {
        const uint32_t pi = pa_fastdiv_q(p.div_page, j);
        const int pg = nx.pt[pi];
        if (pg < 0 || pg >= p.io.num_pages) continue;
        const int64_t slot = (int64_t)(j - pi * p.div_page.div);
        const char *ka = nx.kb + pg * p.io.k_sp + slot * p.io.k_st, *va = nx.vb + pg * p.io.v_sp + slot * p.io.v_st;
#if PA_COPY_OV_PF == 2   /* a prefetch per 128-byte line, per lane */
        for (uint32_t o = 0; o < bytes; o += 128) {
            asm volatile("prefetch.global.L2 [%0];\n" :: "l"(ka + o) : "memory");
            asm volatile("prefetch.global.L2 [%0];\n" :: "l"(va + o) : "memory");
        }
#else                    /* a bulk prefetch per row (uniform operands: ptxas loops over the lanes) */
        asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;\n" :: "l"(ka), "r"(bytes) : "memory");
        asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;\n" :: "l"(va), "r"(bytes) : "memory");
#endif
    }
#endif
}
#endif

/* The page ids of the U chunks lane takes at i0 (a step), loaded ahead of the step's copies */
__device__ __forceinline__ void pa_ov_lookup(const pa_copy_ov_params &p, const pa_ov_item &it, uint32_t i0,
                                             uint32_t lane, int (&pg)[PA_COPY_OV_UNROLL])
{
#pragma unroll
    for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
        const uint32_t i = i0 + lane + 32 * u;
        pg[u] = -1;
        if (i < it.hi) pg[u] = it.pt[pa_fastdiv_q(p.div_page, pa_fastdiv_q(p.div_cph, i))];
    }
}

__global__ void __launch_bounds__(PA_COPY_OV_THREADS, 1)
pa_kv_copy_ordered_kernel(const pa_copy_ov_params p)
{
#if __CUDA_ARCH__ >= 900   /* (the file is built for sm_80 too; only the sm90 path launches this) */
    if (threadIdx.x == 0) asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
#endif
    const uint32_t lane = threadIdx.x & 31;
    const uint32_t nw = gridDim.x * (PA_COPY_OV_THREADS / 32);
    const uint32_t w = blockIdx.x * (PA_COPY_OV_THREADS / 32) + (threadIdx.x >> 5);
    const uint32_t cph = p.div_cph.div;
    const int64_t drow = (int64_t)p.kv_heads * cph * 16;   /* a destination row: every head */
    /* A flat walk over this warp's steps (32 x U chunks, K and V) through the items in order. Each
     * step's page ids are loaded during the step before, and an item's count is raised one step
     * late, after the next step's loads are issued, so that neither latency stands alone. */
    pa_ov_item it;
    int item = pa_ov_next(p, -1, w, nw, lane, it);
    if (item >= p.items) return;
    uint32_t i0 = it.lo;
#ifdef PA_COPY_OV_PF
    pa_ov_prefetch(p, item, w, nw, lane);
#endif
    int pg[PA_COPY_OV_UNROLL];
    pa_ov_lookup(p, it, i0, lane, pg);
    int pending = -1;
    for (;;) {
        uint4 xk[PA_COPY_OV_UNROLL], xv[PA_COPY_OV_UNROLL];
#pragma unroll
        for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
            const uint32_t i = i0 + lane + 32 * u;
            xk[u] = make_uint4(0, 0, 0, 0);
            xv[u] = make_uint4(0, 0, 0, 0);
            if (i < it.hi && pg[u] >= 0 && pg[u] < p.io.num_pages) {
                const uint32_t j = pa_fastdiv_q(p.div_cph, i);
                const uint32_t c = i - j * cph;
                const uint32_t pi = pa_fastdiv_q(p.div_page, j);
                const int64_t slot = (int64_t)(j - pi * p.div_page.div);
                xk[u] = __ldg((const uint4 *)(it.kb + pg[u] * p.io.k_sp + slot * p.io.k_st + c * 16));
                xv[u] = __ldg((const uint4 *)(it.vb + pg[u] * p.io.v_sp + slot * p.io.v_st + c * 16));
            }
        }
        /* the next step: the rest of this item or the next item with chunks here */
        const uint32_t c_i0 = i0, c_hi = it.hi;
        const int64_t c_db = it.dbase;
        const int c_item = item;
        i0 += 32 * PA_COPY_OV_UNROLL;
        const bool done = i0 >= it.hi;
        if (done) {
            item = pa_ov_next(p, item, w, nw, lane, it);
            i0 = it.lo;
        }
        if (item < p.items) pa_ov_lookup(p, it, i0, lane, pg);
        if (pending >= 0) pa_ov_signal(p, pending, true, lane);
        pending = -1;
#pragma unroll
        for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
            const uint32_t i = c_i0 + lane + 32 * u;
            if (i < c_hi) {
                const uint32_t j = pa_fastdiv_q(p.div_cph, i);
                const int64_t off = c_db + j * drow + (i - j * cph) * 16;
#ifdef PA_COPY_OV_NOSTORE   /* (experiment: the loads alone; the copy is left unwritten) */
                if (xk[u].x == 0x7fc17fc3u && xv[u].w == 0x7fc27fc5u)
#endif
                {
                    *(uint4 *)(p.io.dk + off) = xk[u];
                    *(uint4 *)(p.io.dv + off) = xv[u];
                }
            }
        }
#ifdef PA_COPY_OV_PF
        if (done && item < p.items) pa_ov_prefetch(p, item, w, nw, lane);
#endif
        if (done) pending = c_item;
        if (item >= p.items) break;
    }
    if (pending >= 0) pa_ov_signal(p, pending, true, lane);
}

/* ---- M83: the copy beside the attention by TMA boxes --------------------------------------------
 * Where the page size has a divisor of 8 rows or more (box_rows, a box of one head's rows within one
 * page), the same work items and counters as above, but each block's warps are independent
 * streams whose lane 0 moves boxes through a ring of shared-memory stages: a 4-D TMA load of the K
 * and V box from the pool (a page id outside [0, num_pages) is out of the map's bounds, so it reads
 * zeros), then a 4-D TMA store of both into the copy (rows past max_seq_len are outside the copy's
 * map and dropped; rows past the sequence's length but inside its last box are written with
 * whatever the page holds there, which the attention never reads). The bytes in flight are bounded
 * by shared memory, not by the L1's outstanding misses (the register copy's ~30 GB/s an SM,
 * session 45). An item's count is raised once the stream's last stores of it are complete
 * (bulk wait_group), lazily, two store groups late. */
#define PA_COPY_TMA_SMEM (200 * 1024)
#define PA_COPY_TMA_Q    8            /* items awaiting their count, a stream */
#define PA_COPY_TMA_META(S) ((S) * 24 + PA_COPY_TMA_Q * 8)   /* a stream's records, mbarriers, queue */

typedef struct pa_copy_tma_params {
    CUtensorMap    src_k, src_v;    /* the pool: (head_dim, page_size, kv heads, pages) */
    CUtensorMap    dst_k, dst_v;    /* the copy: (head_dim, max_seq_len, kv heads, batch) */
    uint32_t      *ready;
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    int32_t        items, max_seq_len;
    pa_fastdiv     div_hk;          /* by kv heads */
    pa_fastdiv     div_page;        /* by page_size */
    int32_t        box_rows;        /* divides page_size */
    uint32_t       box_bytes;       /* box_rows x head_dim x 2, one of K or V */
    uint32_t       stage_bytes;     /* K's box and V's, rounded to 128 */
    int32_t        stages;          /* a stream's ring */
} pa_copy_tma_params;

__global__ void __launch_bounds__(128, 1)
pa_kv_copy_tma_kernel(const __grid_constant__ pa_copy_tma_params p)
{
#if __CUDA_ARCH__ >= 900
    if (threadIdx.x == 0) asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
    extern __shared__ __align__(128) char sm_raw[];
    const uint32_t lane = threadIdx.x & 31, wl = threadIdx.x >> 5, W = blockDim.x >> 5;
    const uint32_t G = gridDim.x * W, g = blockIdx.x * W + wl;
    const int S = p.stages;
    /* this stream's ring: S (even) stages of data, then (after every stream's data) the stages'
     * records, their mbarriers and the queue of items awaiting their count */
    char *data = sm_raw + (size_t)wl * S * p.stage_bytes;
    char *meta = sm_raw + (size_t)W * S * p.stage_bytes + (size_t)wl * PA_COPY_TMA_META(S);
    int4 *rec = (int4 *)meta;                                     /* [S]: row, kv head, sequence, item (-1 - item: its last box here) */
    const uint32_t d0 = (uint32_t)__cvta_generic_to_shared(data), bars = (uint32_t)__cvta_generic_to_shared(meta + S * 16);
    int *q_item = (int *)(meta + S * 24), *q_t = q_item + PA_COPY_TMA_Q;
    if (lane == 0) {
        for (int i = 0; i < S; i++) asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;\n" :: "r"(bars + 8 * i) : "memory");
        asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
        asm volatile("prefetch.tensormap [%0];\n" :: "l"((uint64_t)&p.src_k) : "memory");
        asm volatile("prefetch.tensormap [%0];\n" :: "l"((uint64_t)&p.src_v) : "memory");
        asm volatile("prefetch.tensormap [%0];\n" :: "l"((uint64_t)&p.dst_k) : "memory");
        asm volatile("prefetch.tensormap [%0];\n" :: "l"((uint64_t)&p.dst_v) : "memory");
    }
    __syncwarp();
    const uint32_t P = p.div_page.div, Bp = (uint32_t)p.box_rows;
    /* the walk over this stream's boxes, item by item (every lane keeps it; lane l holds the page
     * id of box bx + l) */
    int item = -1, b = 0, kvh = 0, pgl = -1;
    uint32_t x = 0, x1 = 0, bx = 0;
    const int32_t *pt = p.page_table;
    auto signal = [&](int it) {
        if (lane == 0) asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + it) : "memory");
    };
    auto lookup = [&]() {
        const uint32_t xx = bx + lane;
        pgl = xx < x1 ? pt[pa_fastdiv_q(p.div_page, xx * Bp)] : -1;
    };
    auto next_item = [&]() {   /* to the next item with boxes here; those without are counted at once */
        while (++item < p.items) {
            b = (int)pa_fastdiv_q(p.div_hk, (uint32_t)item);
            kvh = item - b * (int)p.div_hk.div;
            const int len = p.seq_lens ? min(max(p.seq_lens[b], 0), p.max_seq_len) : p.max_seq_len;
            const uint32_t n = ((uint32_t)len + Bp - 1) / Bp;
            x = (uint32_t)((uint64_t)n * g / G);
            x1 = (uint32_t)((uint64_t)n * (g + 1) / G);
            if (x < x1) {
                pt = p.page_table + (int64_t)b * p.pt_stride;
                bx = x;
                lookup();
                return;
            }
            signal(item);
        }
    };
    next_item();
    uint32_t tl = 0, ts = 0;
    int qh = 0, qn = 0;
    for (;;) {
        /* loads: up to S - 1 boxes ahead of the stores */
        while (item < p.items && (int)(tl - ts) < S - 1) {
            if (x - bx == 32) { bx = x; lookup(); }
            const int pg = __shfl_sync(0xffffffffu, pgl, (int)(x - bx));
            if (lane == 0) {
                const int st = (int)(tl % (uint32_t)S);
                /* the stage's last stores (box tl - S) have read it: every store group but the newest */
                if (tl >= (uint32_t)S) asm volatile("cp.async.bulk.wait_group.read 1;\n" ::: "memory");
                const uint32_t row = x * Bp, slot = row - pa_fastdiv_q(p.div_page, row) * P;
                rec[st] = make_int4((int)row, kvh, b, x + 1 == x1 ? -1 - item : item);
                const uint32_t bar = bars + 8 * st, dst = d0 + (uint32_t)st * p.stage_bytes;
                asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" :: "r"(bar), "r"(2 * p.box_bytes) : "memory");
                asm volatile("cp.async.bulk.tensor.4d.shared::cluster.global.tile.mbarrier::complete_tx::bytes"
                             " [%0], [%1, {%3, %4, %5, %6}], [%2];\n"
                             :: "r"(dst), "l"((uint64_t)&p.src_k), "r"(bar), "r"(0), "r"((int)slot), "r"(kvh), "r"(pg) : "memory");
                asm volatile("cp.async.bulk.tensor.4d.shared::cluster.global.tile.mbarrier::complete_tx::bytes"
                             " [%0], [%1, {%3, %4, %5, %6}], [%2];\n"
                             :: "r"(dst + p.box_bytes), "l"((uint64_t)&p.src_v), "r"(bar), "r"(0), "r"((int)slot), "r"(kvh), "r"(pg) : "memory");
            }
            tl++;
            if (++x == x1) next_item();
        }
        if (ts == tl) break;
        /* stores: box ts, once loaded */
        if (lane == 0) {
            const int st = (int)(ts % (uint32_t)S);
            const uint32_t bar = bars + 8 * st, parity = (ts / (uint32_t)S) & 1u, src = d0 + (uint32_t)st * p.stage_bytes;
            asm volatile("{\n.reg .pred done;\nW_%=:\nmbarrier.try_wait.parity.shared::cta.b64 done, [%0], %1;\n@!done bra W_%=;\n}\n"
                         :: "r"(bar), "r"(parity) : "memory");
            const int4 r = rec[st];
            asm volatile("cp.async.bulk.tensor.4d.global.shared::cta.bulk_group [%0, {%2, %3, %4, %5}], [%1];\n"
                         :: "l"((uint64_t)&p.dst_k), "r"(src), "r"(0), "r"(r.x), "r"(r.y), "r"(r.z) : "memory");
            asm volatile("cp.async.bulk.tensor.4d.global.shared::cta.bulk_group [%0, {%2, %3, %4, %5}], [%1];\n"
                         :: "l"((uint64_t)&p.dst_v), "r"(src + p.box_bytes), "r"(0), "r"(r.x), "r"(r.y), "r"(r.z) : "memory");
            asm volatile("cp.async.bulk.commit_group;\n" ::: "memory");
            if (r.w < 0) {   /* the item's last box here: counted once its stores are complete */
                q_item[(qh + qn) % PA_COPY_TMA_Q] = -1 - r.w;
                q_t[(qh + qn) % PA_COPY_TMA_Q] = (int)ts + 1;
                qn++;
            }
            /* items whose last store group is two groups back or older */
            if (qn > 0 && (int)ts + 1 - q_t[qh] >= 2) {
                asm volatile("cp.async.bulk.wait_group 2;\n" ::: "memory");
                asm volatile("fence.proxy.async.global;\n" ::: "memory");
                while (qn > 0 && (int)ts + 1 - q_t[qh] >= 2) { signal(q_item[qh]); qh = (qh + 1) % PA_COPY_TMA_Q; qn--; }
            }
            if (qn == PA_COPY_TMA_Q) {
                asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
                asm volatile("fence.proxy.async.global;\n" ::: "memory");
                while (qn > 0) { signal(q_item[qh]); qh = (qh + 1) % PA_COPY_TMA_Q; qn--; }
            }
        }
        ts++;
    }
    if (lane == 0) {
        asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
        asm volatile("fence.proxy.async.global;\n" ::: "memory");
        while (qn > 0) { signal(q_item[qh]); qh = (qh + 1) % PA_COPY_TMA_Q; qn--; }
    }
#endif
}

PFN_cuTensorMapEncodeTiled_v12000 sm90_encode_fn(void);   /* prefill_sm90.cu */

/* A 4-D map (head_dim, rows, kv heads, outer) with boxes of (head_dim, box_rows, 1, 1), plain layout */
static CUresult pa_copy_map(CUtensorMap *map, const pa__problem *pb, const void *ptr, uint64_t rows, uint64_t outer,
                            int64_t st_row, int64_t st_head, int64_t st_outer, int box_rows)
{
    const cuuint64_t dims[4] = { (cuuint64_t)pb->head_dim, rows, (cuuint64_t)pb->num_kv_heads, outer };
    /* a stride of an extent-1 dimension is never used: any legal value will do */
    const cuuint64_t strides[3] = { (cuuint64_t)st_row * 2, (cuuint64_t)(pb->num_kv_heads > 1 ? st_head : 8) * 2,
                                    (cuuint64_t)(outer > 1 ? st_outer : 8) * 2 };
    const cuuint32_t box[4] = { (cuuint32_t)pb->head_dim, (cuuint32_t)box_rows, 1, 1 };
    const cuuint32_t estr[4] = { 1, 1, 1, 1 };
    return sm90_encode_fn()(map, pb->dtype == PA_DTYPE_BF16 ? CU_TENSOR_MAP_DATA_TYPE_BFLOAT16 : CU_TENSOR_MAP_DATA_TYPE_FLOAT16,
                            4, (void *)ptr, dims, strides, box, estr, CU_TENSOR_MAP_INTERLEAVE_NONE,
                            CU_TENSOR_MAP_SWIZZLE_NONE, CU_TENSOR_MAP_L2_PROMOTION_L2_256B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE);
}

/* M83's box height for pb: the largest divisor of the page size whose K and V boxes fit 32 KB
 * (at most 256 rows, TMA's limit); 0 where it is under 8 rows (the register copy then) */
extern "C" int pa__kv_copy_box_rows(const pa__problem *pb)
{
    if (pa__kv_copy_tma_off) return 0;
    const int cap = min(256, (32 * 1024) / (4 * pb->head_dim));
    for (int r = min(cap, pb->page_size); r >= 8; r--)
        if (pb->page_size % r == 0) return r;
    return 0;
}

/* M83's launch: 0 where it does not apply (the caller runs the register copy) */
static int pa_kv_copy_tma(pa_context *ctx, const pa__problem *pb, void *dk, void *dv, uint32_t *ready, int blocks,
                          uint32_t *need, pa_status *st)
{
    const int rows = pa__kv_copy_box_rows(pb);
    if (rows == 0 || !sm90_encode_fn() || ctx->cc_major < 9) return 0;
    pa_copy_tma_params p;
    memset(&p, 0, sizeof p);
    const int64_t drow = (int64_t)pb->num_kv_heads * pb->head_dim;   /* the copy's row, elements */
    if (pa_copy_map(&p.src_k, pb, pb->k, (uint64_t)pb->page_size, (uint64_t)pb->num_pages, pb->k_stride_token,
                    pb->k_stride_head, pb->k_stride_page, rows) != CUDA_SUCCESS ||
        pa_copy_map(&p.src_v, pb, pb->v, (uint64_t)pb->page_size, (uint64_t)pb->num_pages, pb->v_stride_token,
                    pb->v_stride_head, pb->v_stride_page, rows) != CUDA_SUCCESS ||
        pa_copy_map(&p.dst_k, pb, dk, (uint64_t)pb->max_seq_len, (uint64_t)pb->batch, drow, pb->head_dim,
                    drow * pb->max_seq_len, rows) != CUDA_SUCCESS ||
        pa_copy_map(&p.dst_v, pb, dv, (uint64_t)pb->max_seq_len, (uint64_t)pb->batch, drow, pb->head_dim,
                    drow * pb->max_seq_len, rows) != CUDA_SUCCESS)
        return 0;
    p.ready = ready;
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens;
    p.items = pb->batch * pb->num_kv_heads; p.max_seq_len = pb->max_seq_len;
    p.div_hk = pa_fastdiv_init((uint32_t)pb->num_kv_heads);
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    p.box_rows = rows;
    p.box_bytes = (uint32_t)rows * pb->head_dim * 2;
    p.stage_bytes = (2 * p.box_bytes + 127) & ~127u;
    /* streams a block (warps) and stages a stream: ~200 KB of shared memory, up to 4 streams of at
     * most 16 stages each (an even count: the records stay 16-byte aligned) */
    const int total = PA_COPY_TMA_SMEM / (int)(p.stage_bytes + 24);
    const int w = min(4, max(1, total / 8));
    p.stages = min(16, total / w) & ~1;
    const size_t smem = (size_t)w * ((size_t)p.stages * p.stage_bytes + PA_COPY_TMA_META(p.stages));
    if (p.stages < 2) return 0;
    if (cudaFuncSetAttribute(pa_kv_copy_tma_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)smem) != cudaSuccess) {
        (void)cudaGetLastError();
        return 0;
    }
    *need = (uint32_t)(blocks * w);
    pa_kv_copy_tma_kernel<<<(unsigned)blocks, 32 * w, smem, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    *st = e == cudaSuccess ? PA_OK : pa__fail(ctx, PA_ERR_CUDA, "kv copy (tma) launch: %s", cudaGetErrorString(e));
    __atomic_add_fetch(&pa__kv_copy_tma_calls, 1, __ATOMIC_RELAXED);
    return 1;
}

/* Queues the overlapped copy (M82) with `blocks` blocks: ready[] (batch x kv heads counters) is
 * zeroed first; the attention launched next waits for ready[item] == blocks x 32 (the value
 * returned in *need). */
extern "C" pa_status pa__cuda_kv_copy_overlap(pa_context *ctx, const pa__problem *pb, void *dk, void *dv,
                                              uint32_t *ready, int blocks, uint32_t *need)
{
    const int64_t items = (int64_t)pb->batch * pb->num_kv_heads;
    *need = (uint32_t)blocks * (PA_COPY_OV_THREADS / 32);
    if (items <= 0 || pb->max_seq_len <= 0) return PA_OK;
    if ((int64_t)pb->max_seq_len * (pb->head_dim / 8) >= ((int64_t)1 << 31) || items >= ((int64_t)1 << 31))
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %d keys of %d chunks", pb->max_seq_len, pb->head_dim / 8);
    const cudaStream_t stream = (cudaStream_t)ctx->stream;
    cudaError_t e = cudaMemsetAsync(ready, 0, (size_t)items * sizeof(uint32_t), stream);
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "kv copy: cudaMemsetAsync: %s", cudaGetErrorString(e));
    }
    pa_status st = PA_OK;
    if (pa_kv_copy_tma(ctx, pb, dk, dv, ready, blocks, need, &st)) return st;   /* M83 */
    pa_copy_ov_params p;
    memset(&p, 0, sizeof p);
    pa_copy_io_fill(&p.io, pb, dk, dv);
    p.ready = ready;
    p.items = (int32_t)items; p.kv_heads = pb->num_kv_heads;
    p.div_hk = pa_fastdiv_init((uint32_t)pb->num_kv_heads);
    p.div_cph = pa_fastdiv_init((uint32_t)(pb->head_dim / 8));
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    pa_kv_copy_ordered_kernel<<<(unsigned)blocks, PA_COPY_OV_THREADS, 0, stream>>>(p);
    e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}

/* Queues the copy of pb's paged K / V into dk / dv (each batch x max_seq_len x num_kv_heads x
 * head_dim elements of 2 bytes) on the context's stream. */
extern "C" pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv)
{
    if (pb->batch <= 0 || pb->max_seq_len <= 0) return PA_OK;
    const int64_t chunks_row = (int64_t)pb->num_kv_heads * (pb->head_dim / 8);
    const int64_t total = (int64_t)pb->batch * pb->max_seq_len * chunks_row;
    if (total >= ((int64_t)1 << 31) - (int64_t)PA_COPY_THREADS * PA_COPY_UNROLL * 65536)
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %lld chunks of 16 bytes", (long long)total);
    pa_copy_params p;
    memset(&p, 0, sizeof p);
    pa_copy_io_fill(&p.io, pb, dk, dv);
    p.total = (int32_t)total;
    p.div_row = pa_fastdiv_init((uint32_t)chunks_row);
    p.div_head = pa_fastdiv_init((uint32_t)(pb->head_dim / 8));
    p.div_seq = pa_fastdiv_init((uint32_t)pb->max_seq_len);
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    /* resident blocks per SM, asked once (thread-safe: a function-local static; sm_90a code only,
     * so the same on every device it runs on) */
    static const int per_sm = [] {
        int n = 0;
        if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, pa_kv_copy_kernel, PA_COPY_THREADS, 0) != cudaSuccess || n < 1) {
            (void)cudaGetLastError();
            n = 1;
        }
        return n;
    }();
    const int64_t per_block = (int64_t)PA_COPY_THREADS * PA_COPY_UNROLL;
    const int64_t need = (total + per_block - 1) / per_block;
    const int64_t full = (int64_t)per_sm * (ctx->num_sms > 0 ? ctx->num_sms : 1);
    const unsigned grid = (unsigned)(need < full ? need : full);
    pa_kv_copy_kernel<<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
