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
 *
 * M107 (STR 1; built with SM90_STRADDLE=1): either copy writes only the rows of the 8-key groups
 * that cross a page boundary inside the sequence (sm90_plan.h pa_sm90_straddle_*), at their usual
 * place; the d256 attention reads the other groups from their pages. M108 (STR 2, the same knob):
 * only each page's rows past its whole 8-row groups (pa_sm90_local_*), packed: remainder row q at
 * row q of the sequence's copy.
 */
#include "internal.h"
#include "common.cuh"
#include "sm90_plan.h"
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

template <int STR>
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
                uint32_t j = row - b * p.div_seq.div;
                int len = p.io.seq_lens[b];
                bool in = (int)j < len;
                if (STR == 1 && in) {   /* M107: the rows of the groups across a page boundary alone */
                    const uint32_t g = j & ~7u;
                    in = pa_sm90_straddle_copied((int)p.div_page.div, len, (int)g, (int)(g - pa_fastdiv_q(p.div_page, g) * p.div_page.div));
                }
                if (STR == 2) {   /* M108: destination row j is remainder row j, whose key it reads */
                    in = (int)j < pa_sm90_local_rest((int)p.div_page.div, len);
                    if (in) j = (uint32_t)pa_sm90_local_rest_key((int)p.div_page.div, len, (int)j);
                }
                if (in) {
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
    pa_fastdiv     div_m1;          /* M107: by pa_sm90_straddle_m - 1 */
} pa_copy_ov_params;

/* One warp's share of an item: chunks [lo, hi) of its K (and V) rows, a chunk being 16 bytes of one
 * head's row (row i / cph, chunk i % cph); where they come from and go to. */
struct pa_ov_item {
    uint32_t lo, hi;
    int len;                        /* the sequence's keys */
    const int32_t *pt;              /* the sequence's page-table row */
    const char *kb, *vb;            /* the kv head's K / V within a page's row */
    int64_t dbase;                  /* its row 0 in the copy */
    bool waited;                    /* an attention CTA waits for it (its sequence has query rows) */
};

template <int STR>
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
    it.len = len;
    /* (STR: the copied groups' rows or M108's remainder rows, pa_ov_row) */
    const int rows = STR == 1 ? 8 * pa_sm90_straddle_groups((int)p.div_page.div, len)
                   : STR == 2 ? pa_sm90_local_rest((int)p.div_page.div, len) : len;
    const uint32_t n = (uint32_t)rows * p.div_cph.div;
    it.lo = (uint32_t)((uint64_t)n * w / nw);
    it.hi = (uint32_t)((uint64_t)n * (w + 1) / nw);
    it.pt = p.io.page_table + (int64_t)b * p.io.pt_stride;
    it.kb = p.io.k + (int64_t)kvh * p.io.k_sh;
    it.vb = p.io.v + (int64_t)kvh * p.io.v_sh;
    it.dbase = ((int64_t)b * p.io.max_seq_len * p.kv_heads + kvh) * p.div_cph.div * 16;
    return it;
}

/* the sequence's key of an item's row r: r itself, or (STR 1) row r & 7 of copied group r >> 3, or
 * (STR 2) remainder row r's key, of a sequence of len keys */
template <int STR>
__device__ __forceinline__ uint32_t pa_ov_row(const pa_copy_ov_params &p, uint32_t r, int len)
{
    if (!STR) return r;
    if (STR == 2) return (uint32_t)pa_sm90_local_rest_key((int)p.div_page.div, len, (int)r);
    const uint32_t s = r >> 3;
    return (uint32_t)pa_sm90_straddle_row((int)p.div_page.div, (int)s, (int)pa_fastdiv_q(p.div_m1, s)) + (r & 7u);
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
template <int STR>
__device__ __forceinline__ int pa_ov_next(const pa_copy_ov_params &p, int item, uint32_t w, uint32_t nw,
                                          uint32_t lane, pa_ov_item &it)
{
    while (++item < p.items) {
        it = pa_ov_enter<STR>(p, item, w, nw);
        if (it.lo < it.hi) break;
        if (it.waited) pa_ov_signal(p, item, false, lane);
    }
    return item;
}

/* The page ids of the U chunks lane takes at i0 (a step), loaded ahead of the step's copies */
template <int STR>
__device__ __forceinline__ void pa_ov_lookup(const pa_copy_ov_params &p, const pa_ov_item &it, uint32_t i0,
                                             uint32_t lane, int (&pg)[PA_COPY_OV_UNROLL])
{
#pragma unroll
    for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
        const uint32_t i = i0 + lane + 32 * u;
        pg[u] = -1;
        if (STR) {
            const uint32_t j = pa_ov_row<STR>(p, pa_fastdiv_q(p.div_cph, i), it.len);
            if (i < it.hi && (int)j < it.len) pg[u] = it.pt[pa_fastdiv_q(p.div_page, j)];
        } else if (i < it.hi) {
            pg[u] = it.pt[pa_fastdiv_q(p.div_page, pa_fastdiv_q(p.div_cph, i))];
        }
    }
}

#ifdef SM90_TRACE
#include <stdio.h>
/* diagnostic builds (bench/wip_sm90/trace_beside.py): per block of the copy beside, its SM, the
 * global timer at its entry and at its last warp's exit (ns); dumped by the attention's host code */
__device__ unsigned long long pa_copy_trace[1024][3];
/* thread 0 at a block's entry: its SM and the time (the end starts there); each warp at its exit */
#define PA_OV_TR_BEGIN() do { if (threadIdx.x == 0 && blockIdx.x < 1024) { unsigned sm_; \
    asm volatile("mov.u32 %0, %%smid;" : "=r"(sm_)); \
    pa_copy_trace[blockIdx.x][0] = sm_; pa_copy_trace[blockIdx.x][1] = pa_copy_trace[blockIdx.x][2] = pa_globaltimer(); } } while (0)
#define PA_OV_TR_END() do { if ((threadIdx.x & 31) == 0 && blockIdx.x < 1024) \
    atomicMax(&pa_copy_trace[blockIdx.x][2], pa_globaltimer()); } while (0)
void pa__kv_copy_trace_dump(const char *path)
{
    static unsigned long long buf[1024][3];
    cudaMemcpyFromSymbol(buf, pa_copy_trace, sizeof buf);
    FILE *f = fopen(path, "wb");
    if (f) { fwrite(buf, sizeof buf, 1, f); fclose(f); }
}
#else
#define PA_OV_TR_BEGIN() ((void)0)
#define PA_OV_TR_END() ((void)0)
#endif

template <int STR>
__global__ void __launch_bounds__(PA_COPY_OV_THREADS, 1)
pa_kv_copy_ordered_kernel(const pa_copy_ov_params p)
{
    PA_OV_TR_BEGIN();
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
    int item = pa_ov_next<STR>(p, -1, w, nw, lane, it);
    if (item >= p.items) { PA_OV_TR_END(); return; }
    uint32_t i0 = it.lo;
    int pg[PA_COPY_OV_UNROLL];
    pa_ov_lookup<STR>(p, it, i0, lane, pg);
    int pending = -1;
    for (;;) {
        uint4 xk[PA_COPY_OV_UNROLL], xv[PA_COPY_OV_UNROLL];
#pragma unroll
        for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
            const uint32_t i = i0 + lane + 32 * u;
            xk[u] = make_uint4(0, 0, 0, 0);
            xv[u] = make_uint4(0, 0, 0, 0);
            if (i < it.hi && pg[u] >= 0 && pg[u] < p.io.num_pages) {   /* (STR: pg -1 past the sequence) */
                const uint32_t r = pa_fastdiv_q(p.div_cph, i);
                const uint32_t c = i - r * cph;
                const uint32_t j = pa_ov_row<STR>(p, r, it.len);
                const uint32_t pi = pa_fastdiv_q(p.div_page, j);
                const int64_t slot = (int64_t)(j - pi * p.div_page.div);
                xk[u] = __ldg((const uint4 *)(it.kb + pg[u] * p.io.k_sp + slot * p.io.k_st + c * 16));
                xv[u] = __ldg((const uint4 *)(it.vb + pg[u] * p.io.v_sp + slot * p.io.v_st + c * 16));
            }
        }
        /* the next step: the rest of this item or the next item with chunks here */
        const uint32_t c_i0 = i0, c_hi = it.hi;
        const int64_t c_db = it.dbase;
        const int c_item = item, c_len = it.len;
        i0 += 32 * PA_COPY_OV_UNROLL;
        const bool done = i0 >= it.hi;
        if (done) {
            item = pa_ov_next<STR>(p, item, w, nw, lane, it);
            i0 = it.lo;
        }
        if (item < p.items) pa_ov_lookup<STR>(p, it, i0, lane, pg);
        if (pending >= 0) pa_ov_signal(p, pending, true, lane);
        pending = -1;
#pragma unroll
        for (int u = 0; u < PA_COPY_OV_UNROLL; u++) {
            const uint32_t i = c_i0 + lane + 32 * u;
            if (i < c_hi) {
                const uint32_t r = pa_fastdiv_q(p.div_cph, i);
                const uint32_t j = STR == 2 ? r : pa_ov_row<STR>(p, r, c_len);   /* (M108: packed) */
                if (STR == 1 && (int)j >= c_len) continue;   /* (a copied group's rows past the sequence) */
                const int64_t off = c_db + j * drow + (i - r * cph) * 16;
                *(uint4 *)(p.io.dk + off) = xk[u];
                *(uint4 *)(p.io.dv + off) = xv[u];
            }
        }
        if (done) pending = c_item;
        if (item >= p.items) break;
    }
    if (pending >= 0) pa_ov_signal(p, pending, true, lane);
    PA_OV_TR_END();
}

/* Queues the overlapped copy (M82) with `blocks` blocks: ready[] (batch x kv heads counters) is
 * zeroed first; the attention launched next waits for ready[item] == blocks x 32 (the value
 * returned in *need). */
extern "C" pa_status pa__cuda_kv_copy_overlap(pa_context *ctx, const pa__problem *pb, void *dk, void *dv,
                                              uint32_t *ready, int blocks, uint32_t *need, int straddle)
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
    pa_copy_ov_params p;
    memset(&p, 0, sizeof p);
    pa_copy_io_fill(&p.io, pb, dk, dv);
    p.ready = ready;
    p.cu_q = pb->cu_seqlens_q;
    p.items = (int32_t)items; p.kv_heads = pb->num_kv_heads;
    p.div_hk = pa_fastdiv_init((uint32_t)pb->num_kv_heads);
    p.div_cph = pa_fastdiv_init((uint32_t)(pb->head_dim / 8));
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    p.div_m1 = pa_fastdiv_init((uint32_t)(straddle == 1 ? pa_sm90_straddle_m(pb->page_size) - 1 : 1));
    if (SM90_STRADDLE && straddle == 1) pa_kv_copy_ordered_kernel<SM90_STRADDLE ? 1 : 0><<<(unsigned)blocks, PA_COPY_OV_THREADS, 0, stream>>>(p);
    else if (SM90_STRADDLE && straddle == 2) pa_kv_copy_ordered_kernel<SM90_STRADDLE ? 2 : 0><<<(unsigned)blocks, PA_COPY_OV_THREADS, 0, stream>>>(p);
    else pa_kv_copy_ordered_kernel<0><<<(unsigned)blocks, PA_COPY_OV_THREADS, 0, stream>>>(p);
    e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}

/* Queues the copy of pb's paged K / V into dk / dv (each batch x max_seq_len x num_kv_heads x
 * head_dim elements of 2 bytes) on the context's stream. */
extern "C" pa_status pa__cuda_kv_copy(pa_context *ctx, const pa__problem *pb, void *dk, void *dv, int straddle)
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
        if (cudaOccupancyMaxActiveBlocksPerMultiprocessor(&n, pa_kv_copy_kernel<0>, PA_COPY_THREADS, 0) != cudaSuccess || n < 1) {
            (void)cudaGetLastError();
            n = 1;
        }
        return n;
    }();
    const int64_t per_block = (int64_t)PA_COPY_THREADS * PA_COPY_UNROLL;
    const int64_t need = (total + per_block - 1) / per_block;
    const int64_t full = (int64_t)per_sm * (ctx->num_sms > 0 ? ctx->num_sms : 1);
    const unsigned grid = (unsigned)(need < full ? need : full);
    if (SM90_STRADDLE && straddle == 1) pa_kv_copy_kernel<SM90_STRADDLE ? 1 : 0><<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    else if (SM90_STRADDLE && straddle == 2) pa_kv_copy_kernel<SM90_STRADDLE ? 2 : 0><<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    else pa_kv_copy_kernel<0><<<grid, PA_COPY_THREADS, 0, (cudaStream_t)ctx->stream>>>(p);
    const cudaError_t e = cudaGetLastError();
    if (e != cudaSuccess) return pa__fail(ctx, PA_ERR_CUDA, "kv copy launch: %s", cudaGetErrorString(e));
    return PA_OK;
}
