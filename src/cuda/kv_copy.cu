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
#include "kv_copy_plan.h"
#include "sm90_ptx.cuh"
#include <string.h>

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
    const int32_t *cu_q;            /* the call's cu_seqlens (NULL: every sequence has query rows) */
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
    bool waited;                    /* an attention CTA waits for it (its sequence has query rows) */
};

__device__ __forceinline__ pa_ov_item pa_ov_enter(const pa_copy_ov_params &p, int item, uint32_t w, uint32_t nw)
{
    pa_ov_item it;
    const uint32_t b = pa_fastdiv_q(p.div_hk, (uint32_t)item);
    const uint32_t kvh = (uint32_t)item - b * p.div_hk.div;
    /* An item no attention CTA waits for (a sequence without query rows) is neither copied nor
     * counted: the copy's last write is then always one that some CTA acquires before it ends, so
     * the copy's writes are done before the attention grid is, and before the next call reuses the
     * workspace (no grid waits for this one's completion otherwise: the attention is its dependent) */
    it.waited = !p.cu_q || p.cu_q[b + 1] > p.cu_q[b];
    const int len = it.waited ? min(max(p.io.seq_lens[b], 0), p.io.max_seq_len) : 0;   /* (unvalidated lengths clamped) */
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
        if (it.waited) pa_ov_signal(p, item, false, lane);
    }
    return item;
}

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
                *(uint4 *)(p.io.dk + off) = xk[u];
                *(uint4 *)(p.io.dv + off) = xv[u];
            }
        }
        if (done) pending = c_item;
        if (item >= p.items) break;
    }
    if (pending >= 0) pa_ov_signal(p, pending, true, lane);
}

/* ---- M105 (session 71): the copy beside the attention by bulk copies ------------------------
 * bench/wip_sm90/copyrate (RESULTS 3.4x): the loop above moves ~20..30 GB/s an SM whatever its
 * shape (registers, a cp.async ring, 768 or 512 threads), and the copy beside costs the call about
 * the SM time it holds. In a pool whose pages are dense NHD (token stride kv heads x head_dim, head
 * stride head_dim) a page of every kv head is one contiguous span, and so are its rows in the NHD
 * copy: one warp's lane 0 loads each page in equal chunks of at most PA_COPY_BULK_CH bytes by cp.async.bulk
 * (the TMA unit; no load stays in a thread's registers) into a ring of PA_COPY_BULK_STAGES (K, V)
 * chunk pairs, and PA_COPY_BULK_SW store warps write each pair out from shared memory: ~48 GB/s
 * an SM at 8 / 16 blocks in copyrate (k_bulk2 with 8 store warps). Work goes sequence by sequence
 * in the attention's order; a block takes a share of each sequence's pages, and when its share
 * is stored (or it has none) it adds 1 to the counter of each of the sequence's kv heads, so the
 * attention waits for ready[item] == blocks. A page id outside [0, num_pages) is written as zeros.
 * Caveat (NOTES session 71, not yet measured): a sequence's kv heads come ready together, when all
 * its pages are stored, so the attention's first CTAs wait for 1/B of the copy where the loop
 * above makes them wait for 1/(B x kv heads): with few sequences (the benchmark's 4) that stall is
 * predicted to cost more than the faster copy saves. Off by default until measured. */
#ifndef PA_KV_COPY_BULK              /* build default of pa__kv_copy_bulk (tests / pa-bench set it) */
#define PA_KV_COPY_BULK 0
#endif
extern "C" int pa__kv_copy_bulk;
int pa__kv_copy_bulk = PA_KV_COPY_BULK;
extern "C" long pa__kv_copy_bulk_calls;   /* copies beside that took it (tests/test_gpu.c prints it) */
long pa__kv_copy_bulk_calls = 0;
#define PA_COPY_BULK_STAGES 6
#define PA_COPY_BULK_CH     16384
#ifndef PA_COPY_BULK_SW
#define PA_COPY_BULK_SW     8
#endif
#define PA_COPY_BULK_THREADS (32 * (PA_COPY_BULK_SW + 1))
#define PA_COPY_BULK_SMEM   (2 * PA_COPY_BULK_STAGES * PA_COPY_BULK_CH + 64 * PA_COPY_BULK_STAGES)

typedef struct pa_copy_bulk_params {
    pa_copy_io     io;              /* (its token / head strides unused: dense NHD) */
    uint32_t      *ready;
    pa_kvc_walk    walk;            /* kv_copy_plan.h (blk / nblk set by each block) */
    int32_t        kv_heads;
    int32_t        first_items;     /* M105b: the first waited sequence head by head (the per-chunk loop) */
    int32_t        cph_log2;        /* log2 of head_dim / 8, the 16-byte chunks of one head's row */
    pa_fastdiv     div_page;        /* by page_size */
} pa_copy_bulk_params;

/* M105b: the store warps copy the first waited sequence (b, x->len keys) kv head by kv head with
 * 16-byte loads (as M82's loop; a head's rows are not one span), each head counted (+1 a block) as
 * soon as the block's share of it is stored, so that the attention's first CTAs wait for 1/(B x
 * kv heads) of the copy as with M82, not 1/B; the load warp meanwhile fills the ring from the
 * next sequence on. t: the store thread (0 .. 32 SW - 1). */
#ifndef PA_COPY_BULK_U
#define PA_COPY_BULK_U 8
#endif
__device__ __forceinline__ void pa_bulk_first_seq(const pa_copy_bulk_params &p, int b, int len, int t)
{
#if __CUDA_ARCH__ >= 900
    const uint32_t cph = 1u << p.cph_log2, nt = (uint32_t)(32 * PA_COPY_BULK_SW) * gridDim.x;
    const uint32_t n = (uint32_t)len << p.cph_log2;   /* the chunks of one head's rows */
    const uint32_t w0 = (uint32_t)t + blockIdx.x * (uint32_t)(32 * PA_COPY_BULK_SW);
    const int32_t *pt = p.io.page_table + (int64_t)b * p.io.pt_stride;
    const int64_t row = p.walk.row, hb = (int64_t)cph * 16;   /* a key of every head; of one head */
    const int64_t d0 = (int64_t)b * p.walk.max_seq_len * row;
    for (int h = 0; h < p.kv_heads; h++) {
        const char *kb = p.io.k + h * hb, *vb = p.io.v + h * hb;
        for (uint32_t i0 = w0; i0 < n; i0 += nt * PA_COPY_BULK_U) {
            uint4 xk[PA_COPY_BULK_U], xv[PA_COPY_BULK_U];
#pragma unroll
            for (int u = 0; u < PA_COPY_BULK_U; u++) {
                const uint32_t i = i0 + u * nt;
                xk[u] = make_uint4(0, 0, 0, 0);
                xv[u] = make_uint4(0, 0, 0, 0);
                if (i < n) {
                    const uint32_t j = i >> p.cph_log2, c = i & (cph - 1);
                    const uint32_t q = pa_fastdiv_q(p.div_page, j);
                    const int page = pt[q];
                    if (page >= 0 && page < p.io.num_pages) {
                        const int64_t o = (int64_t)(j - q * p.div_page.div) * row + c * 16;
                        xk[u] = __ldg((const uint4 *)(kb + page * p.io.k_sp + o));
                        xv[u] = __ldg((const uint4 *)(vb + page * p.io.v_sp + o));
                    }
                }
            }
#pragma unroll
            for (int u = 0; u < PA_COPY_BULK_U; u++) {
                const uint32_t i = i0 + u * nt;
                if (i < n) {
                    const int64_t o = d0 + (int64_t)(i >> p.cph_log2) * row + h * hb + (i & (cph - 1)) * 16;
                    *(uint4 *)(p.io.dk + o) = xk[u];
                    *(uint4 *)(p.io.dv + o) = xv[u];
                }
            }
        }
        asm volatile("fence.proxy.async.global;\n" ::: "memory");
        asm volatile("fence.acq_rel.gpu;\n" ::: "memory");
        pa_sm90::named_bar_sync(1, 32 * PA_COPY_BULK_SW);
        if (t == 0) asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + (int64_t)b * p.kv_heads + h) : "memory");
    }
#endif
}

__device__ __forceinline__ void pa_bulk_signal(const pa_copy_bulk_params &p, int b)
{
    for (int h = 0; h < p.kv_heads; h++)
        asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + (int64_t)b * p.kv_heads + h) : "memory");
}

__global__ void __launch_bounds__(PA_COPY_BULK_THREADS, 1)
pa_kv_copy_bulk_kernel(const pa_copy_bulk_params p)
{
#if __CUDA_ARCH__ >= 900
    if (threadIdx.x == 0) asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
    using namespace pa_sm90;
    extern __shared__ __align__(128) unsigned char pa_bulk_sm[];
    const uint32_t lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const uint32_t base = smem_u32(pa_bulk_sm);
    const uint32_t full = base + 2u * PA_COPY_BULK_STAGES * PA_COPY_BULK_CH;
    const uint32_t empty = full + 8 * PA_COPY_BULK_STAGES, ok = empty + 8 * PA_COPY_BULK_STAGES;   /* ok[s]: the chunk's page id is valid */
    if (threadIdx.x == 0) {
        for (int s = 0; s < PA_COPY_BULK_STAGES; s++) {
            mbar_init(full + 8 * s, 1);
            mbar_init(empty + 8 * s, PA_COPY_BULK_SW);
        }
        fence_mbar_init();
    }
    __syncthreads();
    pa_kvc_walk w = p.walk;
    w.blk = (int32_t)blockIdx.x; w.nblk = (int32_t)gridDim.x;
    pa_kvc_pos x;
    pa_kvc_seq(&w, 0, &x);
    const int32_t batch = w.batch;
    const int first = x.b, first_len = x.len;   /* M105b: the first waited sequence */
    if (p.first_items && first < batch) pa_kvc_seq(&w, first + 1, &x);   /* (its pages by the loop, not the ring) */
    if (warp == 0) {
        /* loads: the lanes hold the page ids of pages [q0, q0 + 32) of the current sequence */
        int q0 = -1, b0 = -1, pg = -1;
        uint32_t n = 0;
        while (x.b < batch) {
            if (x.q >= x.hi) { pa_kvc_seq(&w, x.b + 1, &x); continue; }   /* (an empty share: the store warps count it) */
            if (x.b != b0 || x.q >= q0 + 32) {
                b0 = x.b; q0 = x.q;
                const int q = q0 + (int)lane;
                pg = q < x.hi ? p.io.page_table[(int64_t)x.b * p.io.pt_stride + q] : -1;
            }
            const int page = __shfl_sync(0xffffffffu, pg, x.q - q0);
            if (lane == 0) {
                const int s = (int)(n % PA_COPY_BULK_STAGES), bytes = pa_kvc_bytes(&w, &x);
                const uint32_t fb = full + 8 * s, sk = base + (uint32_t)(2 * s) * PA_COPY_BULK_CH, sv = sk + PA_COPY_BULK_CH;
                if (n >= PA_COPY_BULK_STAGES) mbar_wait(empty + 8 * s, ((n / PA_COPY_BULK_STAGES) - 1) & 1);
                const bool valid = page >= 0 && page < p.io.num_pages && bytes > 0;
                st_shared_if(true, ok + 4 * s, valid ? 1u : 0u);
                if (valid) {
                    const int64_t off = (int64_t)x.c * w.chunk;
                    mbar_arrive_expect_tx(fb, 2 * (uint32_t)bytes);
                    bulk_load(sk, p.io.k + page * p.io.k_sp + off, (uint32_t)bytes, fb);
                    bulk_load(sv, p.io.v + page * p.io.v_sp + off, (uint32_t)bytes, fb);
                } else {
                    mbar_arrive(fb);
                }
            }
            n++;
            pa_kvc_step(&w, &x);
        }
        return;
    }
    /* stores: warps 1 .. SW, 16 bytes a thread a step; at the end of each sequence's share the store
     * warps meet (named barrier 1) and one thread raises the sequence's counters */
    const int t = (int)threadIdx.x - 32;
    if (p.first_items && first < batch) pa_bulk_first_seq(p, first, first_len, t);
    uint32_t n = 0;
    while (x.b < batch) {
        if (x.q < x.hi) {
            const int s = (int)(n % PA_COPY_BULK_STAGES), bytes = pa_kvc_bytes(&w, &x);
            const uint32_t sk = base + (uint32_t)(2 * s) * PA_COPY_BULK_CH, sv = sk + PA_COPY_BULK_CH;
            mbar_wait(full + 8 * s, (n / PA_COPY_BULK_STAGES) & 1);
            const uint32_t valid = ld_shared_u32(ok + 4 * s);
            const int64_t d = ((int64_t)x.b * w.max_seq_len + (int64_t)x.q * w.page_size) * w.row + (int64_t)x.c * w.chunk;
            for (int o = t * 16; o < bytes; o += 16 * 32 * PA_COPY_BULK_SW) {
                uint4 xk = make_uint4(0, 0, 0, 0), xv = make_uint4(0, 0, 0, 0);
                if (valid) {
                    asm volatile("ld.shared.v4.u32 {%0, %1, %2, %3}, [%4];\n" : "=r"(xk.x), "=r"(xk.y), "=r"(xk.z), "=r"(xk.w) : "r"(sk + o) : "memory");
                    asm volatile("ld.shared.v4.u32 {%0, %1, %2, %3}, [%4];\n" : "=r"(xv.x), "=r"(xv.y), "=r"(xv.z), "=r"(xv.w) : "r"(sv + o) : "memory");
                }
                *(uint4 *)(p.io.dk + d + o) = xk;
                *(uint4 *)(p.io.dv + d + o) = xv;
            }
            fence_proxy_async();   /* (the next bulk load into this stage follows the reads) */
            __syncwarp();
            if (lane == 0) mbar_arrive(empty + 8 * s);
            n++;
        }
        const int b = x.b;
        if (x.q < x.hi) pa_kvc_step(&w, &x);
        else pa_kvc_seq(&w, x.b + 1, &x);
        if (x.b != b) {   /* this block's share of sequence b is stored (or was empty) */
            /* each thread's stores ordered for the async proxy (the attention reads them by TMA) and
             * at gpu scope before the store warps meet; then one release a kv head */
            asm volatile("fence.proxy.async.global;\n" ::: "memory");
            asm volatile("fence.acq_rel.gpu;\n" ::: "memory");
            named_bar_sync(1, 32 * PA_COPY_BULK_SW);
            if (t == 0) pa_bulk_signal(p, b);
        }
    }
#endif
}

/* M105's chunk: a page (of every kv head) in equal chunks of at most PA_COPY_BULK_CH bytes,
 * rounded up to 16 (copyrate: a chunk costs a fixed time besides its bytes, so at d64 page 9, 18 KB,
 * two 9 KB chunks beat 16 + 2 KB); under PA_COPY_BULK_MIN (copyrate: 4 KB chunks ran at half the
 * rate of 8 KB ones, below the loop's) the old loop copies */
#define PA_COPY_BULK_MIN 8192
static int32_t pa_kv_copy_bulk_chunk(const pa__problem *pb)
{
    const int64_t page = (int64_t)pb->page_size * pb->num_kv_heads * pb->head_dim * 2;
    const int64_t n = (page + PA_COPY_BULK_CH - 1) / PA_COPY_BULK_CH;
    const int64_t c = ((page + n - 1) / n + 15) & ~(int64_t)15;
    return (int32_t)(c < PA_COPY_BULK_CH ? c : PA_COPY_BULK_CH);
}
/* M105: whether the bulk copy serves pb (a dense NHD pool, 2-byte elements; the sm90 path checks
 * alignment and strides); internal.h, for the copy estimate too */
extern "C" int pa__kv_copy_bulk_serves(const pa__problem *pb)
{
    const int64_t row = (int64_t)pb->num_kv_heads * pb->head_dim;
    return pa__kv_copy_bulk && (pb->head_dim == 64 || pb->head_dim == 128 || pb->head_dim == 256) && pb->k_stride_token == row && pb->v_stride_token == row && pb->k_stride_head == pb->head_dim &&
           pb->v_stride_head == pb->head_dim && pb->page_size > 0 && (int64_t)pb->batch * pb->num_kv_heads < ((int64_t)1 << 31) &&
           pa_kv_copy_bulk_chunk(pb) >= PA_COPY_BULK_MIN;
}

/* Queues the overlapped copy (M82) with `blocks` blocks: ready[] (batch x kv heads counters) is
 * zeroed first; the attention launched next waits for ready[item] == blocks x 32 (the value
 * returned in *need). */
extern "C" pa_status pa__cuda_kv_copy_overlap(pa_context *ctx, const pa__problem *pb, void *dk, void *dv,
                                              uint32_t *ready, int blocks, uint32_t *need)
{
    const int64_t items = (int64_t)pb->batch * pb->num_kv_heads;
    *need = (uint32_t)blocks * (PA_COPY_OV_THREADS / 32);
    if (items <= 0 || pb->max_seq_len <= 0) {   /* nothing to copy: no CTA waits (0 passes at once) */
        *need = 0;
        return PA_OK;
    }
    if ((int64_t)pb->max_seq_len * (pb->head_dim / 8) >= ((int64_t)1 << 31) || items >= ((int64_t)1 << 31))
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %d keys of %d chunks", pb->max_seq_len, pb->head_dim / 8);
    const cudaStream_t stream = (cudaStream_t)ctx->stream;
    cudaError_t e = cudaMemsetAsync(ready, 0, (size_t)items * sizeof(uint32_t), stream);
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "kv copy: cudaMemsetAsync: %s", cudaGetErrorString(e));
    }
    if (pa__kv_copy_bulk_serves(pb)) {   /* M105 */
        static const bool attr = cudaFuncSetAttribute(pa_kv_copy_bulk_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize,
                                                      PA_COPY_BULK_SMEM) == cudaSuccess;
        if (attr) {
            pa_copy_bulk_params q;
            memset(&q, 0, sizeof q);
            pa_copy_io_fill(&q.io, pb, dk, dv);
            q.ready = ready; q.kv_heads = pb->num_kv_heads;
            q.walk.seq_lens = pb->seq_lens; q.walk.cu_q = pb->cu_seqlens_q;
            q.walk.batch = pb->batch; q.walk.page_size = pb->page_size; q.walk.max_seq_len = pb->max_seq_len;
            q.walk.row = (int64_t)pb->num_kv_heads * pb->head_dim * 2;
            q.walk.chunk = pa_kv_copy_bulk_chunk(pb);
            q.first_items = pa__kv_copy_bulk == 2;
            q.cph_log2 = pb->head_dim == 64 ? 3 : pb->head_dim == 128 ? 4 : 5;
            q.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
            *need = (uint32_t)blocks;
            pa_kv_copy_bulk_kernel<<<(unsigned)blocks, PA_COPY_BULK_THREADS, PA_COPY_BULK_SMEM, stream>>>(q);
            e = cudaGetLastError();
            if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
            __atomic_add_fetch(&pa__kv_copy_bulk_calls, 1, __ATOMIC_RELAXED);
            return PA_OK;
        }
        (void)cudaGetLastError();
    }
    pa_copy_ov_params p;
    memset(&p, 0, sizeof p);
    pa_copy_io_fill(&p.io, pb, dk, dv);
    p.ready = ready;
    p.cu_q = pb->cu_seqlens_q;
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
