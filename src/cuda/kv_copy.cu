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
 */
#include "internal.h"
#include "common.cuh"
#include <string.h>

#define PA_COPY_THREADS 256
#define PA_COPY_UNROLL  4

typedef struct pa_copy_params {
    const char    *k, *v;           /* the paged cache */
    int64_t        k_sp, k_st, k_sh, v_sp, v_st, v_sh;   /* its strides, bytes */
    char          *dk, *dv;         /* the contiguous copy */
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    int32_t        num_pages, max_seq_len;
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
                int len = p.seq_lens[b];
                if ((int)j < len) {
                    keep[u] = true;
                    const uint32_t pi = pa_fastdiv_q(p.div_page, j);
                    const int page = p.page_table[(int64_t)b * p.pt_stride + pi];
                    if (page >= 0 && page < p.num_pages) {
                        const int64_t slot = (int64_t)(j - pi * p.div_page.div);
                        const uint32_t h = pa_fastdiv_q(p.div_head, c);
                        const int64_t e = (int64_t)(c - h * p.div_head.div) * 16;
                        xk[u] = __ldg((const uint4 *)(p.k + page * p.k_sp + slot * p.k_st + h * p.k_sh + e));
                        xv[u] = __ldg((const uint4 *)(p.v + page * p.v_sp + slot * p.v_st + h * p.v_sh + e));
                    }
                }
            }
        }
#pragma unroll
        for (int u = 0; u < PA_COPY_UNROLL; u++) {
            if (keep[u]) {
                const int64_t off = (int64_t)(base + u * PA_COPY_THREADS) * 16;
                *(uint4 *)(p.dk + off) = xk[u];
                *(uint4 *)(p.dv + off) = xv[u];
            }
        }
    }
}

/* ---- M82: the copy beside the attention -------------------------------------------------------
 * A few resident blocks copy the cache while the attention kernel (launched after it by
 * programmatic dependent launch) runs on the other SMs. Work items are the (sequence, kv head)
 * pairs in the attention grid's order (sequence-major); every warp of the grid copies its share
 * of each item's rows, K and V, then makes its stores visible (fence at gpu scope, then the
 * generic-to-async proxy fence, for the TMA that reads them) and adds 1 to the item's counter in
 * ready[]. An item is copied when its counter reaches the grid's warp count; the attention's
 * producers wait for that before their first load of the item. The blocks trigger the dependent
 * launch first thing, so every one of them is resident before any attention CTA can wait on it. */

typedef struct pa_copy_ov_params {
    const char    *k, *v;
    int64_t        k_sp, k_st, k_sh, v_sp, v_st, v_sh;   /* bytes */
    char          *dk, *dv;
    const int32_t *page_table;
    int64_t        pt_stride;
    const int32_t *seq_lens;
    uint32_t      *ready;
    int32_t        num_pages, max_seq_len, items, kv_heads;
    pa_fastdiv     div_hk;          /* by kv heads */
    pa_fastdiv     div_cph;         /* by the 16-byte chunks of one head's row, head_dim / 8 */
    pa_fastdiv     div_page;        /* by page_size */
} pa_copy_ov_params;

/* The kernel (bulk copies): PA_OVT_WARPS warps a block, each an independent stream over its
 * share of every item (rows [len x g / G, len x (g + 1) / G) of the item for global warp g of G).
 * A stream moves slots of 32 pieces (a piece: one head's row, or a 256-byte half of a d256 row),
 * K and V, through its own ring of positions in shared memory: lane l's piece is loaded by a 1-D
 * bulk copy (cp.async.bulk, completing on the position's mbarrier) and stored by another (bulk
 * group), so the bytes in flight are bounded by shared memory, not by registers or the L1's
 * misses (the register copy ran at ~30 GB/s an SM, s45b / s45c). Up to P - 2 slots are loading
 * while older ones store; a position is reused once its stores have read it (wait_group.read),
 * and an item's count is raised once its last stores are complete (wait_group, two slots late). */
#define PA_OVT_WARPS 2
#define PA_OVT_SMEM  (220 * 1024)
#define PA_OVT_Q     8                 /* items ending, awaiting their count, a stream */

typedef struct pa_ovt_params {
    pa_copy_ov_params c;
    int32_t piece, pieces_row, rows_slot, P;   /* piece bytes, pieces a row, rows a slot, positions a stream */
} pa_ovt_params;

#if __CUDA_ARCH__ >= 900
__device__ __forceinline__ void ovt_bulk_load(uint32_t dst, const void *src, uint32_t bytes, uint32_t bar)
{
    asm volatile("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];\n"
                 :: "r"(dst), "l"(src), "r"(bytes), "r"(bar) : "memory");
}
__device__ __forceinline__ void ovt_bulk_store(void *dst, uint32_t src, uint32_t bytes)
{
    asm volatile("cp.async.bulk.global.shared::cta.bulk_group [%0], [%1], %2;\n" :: "l"(dst), "r"(src), "r"(bytes) : "memory");
}
__device__ __forceinline__ void ovt_wait(uint32_t bar, uint32_t parity)
{
    asm volatile("{\n.reg .pred done;\nW_%=:\nmbarrier.try_wait.parity.shared::cta.b64 done, [%0], %1;\n@!done bra W_%=;\n}\n"
                 :: "r"(bar), "r"(parity) : "memory");
}
#endif

__global__ void __launch_bounds__(32 * PA_OVT_WARPS, 1)
pa_kv_copy_ordered_kernel(const pa_ovt_params q)
{
#if __CUDA_ARCH__ >= 900   /* (the file is built for sm_80 too; only the sm90 path launches this) */
    const pa_copy_ov_params &p = q.c;
    extern __shared__ __align__(128) char sm[];
    if (threadIdx.x == 0) asm volatile("griddepcontrol.launch_dependents;\n" ::: "memory");
    const uint32_t lane = threadIdx.x & 31, wl = threadIdx.x >> 5;
    const uint32_t G = gridDim.x * PA_OVT_WARPS, g = blockIdx.x * PA_OVT_WARPS + wl;
    const int P = q.P, piece = q.piece, prow = q.pieces_row;
    const uint32_t slot_bytes = 2u * 32u * (uint32_t)piece;
    char *data = sm + (size_t)wl * P * slot_bytes;
    char *meta = sm + (size_t)PA_OVT_WARPS * P * slot_bytes + (size_t)wl * P * (8 + 8 * 32 + 8);
    const uint32_t bars = (uint32_t)__cvta_generic_to_shared(meta);   /* P mbarriers */
    int64_t *rec = (int64_t *)(meta + 8 * P);                       /* [P][32]: where lane's piece goes */
    int *slot_item = (int *)(meta + 8 * P + 8 * 32 * P);             /* [P]: item, or -1 - item on its last slot */
    const int64_t drow = (int64_t)p.kv_heads * p.div_cph.div * 16;
    if (lane == 0) {
        for (int i = 0; i < P; i++) asm volatile("mbarrier.init.shared::cta.b64 [%0], 1;\n" :: "r"(bars + 8 * i) : "memory");
        asm volatile("fence.mbarrier_init.release.cluster;\n" ::: "memory");
    }
    __syncwarp();
    /* the items ending in this stream, oldest first, with the stores issued when they ended */
    __shared__ int s_qi[PA_OVT_WARPS][PA_OVT_Q];
    __shared__ uint32_t s_qt[PA_OVT_WARPS][PA_OVT_Q];
    int *qi = s_qi[wl];
    uint32_t *qt = s_qt[wl];
    int qh = 0, qn = 0;
    auto signal = [&](int item) {
        asm volatile("fence.proxy.async.global;\n" ::: "memory");
        __syncwarp();
        if (lane == 0) asm volatile("red.release.gpu.global.add.u32 [%0], 1;\n" :: "l"(p.ready + item) : "memory");
    };
    /* the slot iterator: item, next row, end row, and the item's constants */
    int item = -1;
    uint32_t r = 0, hi = 0;
    const int32_t *pt = p.page_table;
    const char *kb = p.k, *vb = p.v;
    int64_t dbase = 0;
    auto advance = [&]() {   /* to the next item with rows in this stream (empty ones counted at once) */
        for (;;) {
            if (++item >= p.items) return;
            const uint32_t b = pa_fastdiv_q(p.div_hk, (uint32_t)item);
            const uint32_t kvh = (uint32_t)item - b * p.div_hk.div;
            const int len = p.seq_lens ? min(max(p.seq_lens[b], 0), p.max_seq_len) : p.max_seq_len;
            r = (uint32_t)((uint64_t)len * g / G);
            hi = (uint32_t)((uint64_t)len * (g + 1) / G);
            if (r < hi) {
                pt = p.page_table + (int64_t)b * p.pt_stride;
                kb = p.k + (int64_t)kvh * p.k_sh;
                vb = p.v + (int64_t)kvh * p.v_sh;
                dbase = ((int64_t)b * p.max_seq_len * p.kv_heads + kvh) * p.div_cph.div * 16;
                return;
            }
            signal(item);
        }
    };
    /* lane's page id for the next slot to load, looked up a slot ahead */
    auto lookup = [&]() -> int {
        const uint32_t row = r + lane / prow;
        return item < p.items && row < hi ? pt[pa_fastdiv_q(p.div_page, row)] : -1;
    };
    advance();
    int pf = lookup();
    uint32_t t_load = 0, t_store = 0;
    for (;;) {
        while (item < p.items && (int)(t_load - t_store) < P - 2) {
            /* position t_load % P: its last stores (slot t_load - P) must have read it; at most
             * P - 1 - (t_load - t_store) >= 2 newer store groups may still be reading */
            asm volatile("cp.async.bulk.wait_group.read 2;\n" ::: "memory");
            const int pos = (int)(t_load % (uint32_t)P);
            const uint32_t row = r + lane / prow, half = lane % prow;
            const bool valid = row < hi;
            const int page = pf;
            const bool ok = valid && page >= 0 && page < p.num_pages;
            const int64_t dst = dbase + (int64_t)row * drow + (int64_t)half * piece;
            rec[pos * 32 + lane] = ok ? dst : valid ? -2 - dst : -1;   /* -2 - dst: zeros (a bad page id) */
            const uint32_t n = __popc(__ballot_sync(0xffffffffu, ok));
            const bool last = r + q.rows_slot >= hi;
            if (lane == 0) slot_item[pos] = last ? -1 - item : item;
            const uint32_t bar = bars + 8 * pos;
            if (lane == 0) asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" :: "r"(bar), "r"(n * 2u * (uint32_t)piece) : "memory");
            __syncwarp();
            if (ok) {
                const int64_t slot = (int64_t)(row - pa_fastdiv_q(p.div_page, row) * p.div_page.div);
                const uint32_t sk = (uint32_t)__cvta_generic_to_shared(data + (size_t)pos * slot_bytes) + lane * piece;
                ovt_bulk_load(sk, kb + page * p.k_sp + slot * p.k_st + half * piece, piece, bar);
                ovt_bulk_load(sk + 32 * piece, vb + page * p.v_sp + slot * p.v_st + half * piece, piece, bar);
            }
            t_load++;
            if (last) advance();
            else r += q.rows_slot;
            pf = lookup();
        }
        if (t_store == t_load) break;
        {   /* store slot t_store */
            const int pos = (int)(t_store % (uint32_t)P);
            ovt_wait(bars + 8 * pos, (t_store / (uint32_t)P) & 1);
            const int64_t d = rec[pos * 32 + lane];
            const int it = slot_item[pos];
            __syncwarp();
            if (d >= 0) {
                const uint32_t sk = (uint32_t)__cvta_generic_to_shared(data + (size_t)pos * slot_bytes) + lane * piece;
                ovt_bulk_store(p.dk + d, sk, piece);
                ovt_bulk_store(p.dv + d, sk + 32 * piece, piece);
            } else if (d <= -2) {   /* a bad page id: zeros, by plain stores */
                const int64_t z = -2 - d;
                for (int c = 0; c < piece; c += 16) {
                    *(uint4 *)(p.dk + z + c) = make_uint4(0, 0, 0, 0);
                    *(uint4 *)(p.dv + z + c) = make_uint4(0, 0, 0, 0);
                }
            }
            asm volatile("cp.async.bulk.commit_group;\n" ::: "memory");
            t_store++;
            if (it < 0) {
                if (lane == 0) { qi[(qh + qn) % PA_OVT_Q] = -1 - it; qt[(qh + qn) % PA_OVT_Q] = t_store; }
                __syncwarp();
                qn++;
            }
        }
        /* items whose last stores are two groups back: complete, so counted */
        if (qn > 0 && t_store - qt[qh] >= 2) {
            asm volatile("cp.async.bulk.wait_group 2;\n" ::: "memory");
            while (qn > 0 && t_store - qt[qh] >= 2) { signal(qi[qh]); qh = (qh + 1) % PA_OVT_Q; qn--; }
        }
        if (qn == PA_OVT_Q) {   /* (many one-slot items in a row) */
            asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
            while (qn > 0) { signal(qi[qh]); qh = (qh + 1) % PA_OVT_Q; qn--; }
        }
    }
    asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory");
    while (qn > 0) { signal(qi[qh]); qh = (qh + 1) % PA_OVT_Q; qn--; }
#endif
}

/* Queues the overlapped copy (M82) with `blocks` blocks: ready[] (batch x kv heads counters) is
 * zeroed first; the attention launched next waits for ready[item] == blocks x 32 (the value
 * returned in *need). */
extern "C" pa_status pa__cuda_kv_copy_overlap(pa_context *ctx, const pa__problem *pb, void *dk, void *dv,
                                              uint32_t *ready, int blocks, uint32_t *need)
{
    const int64_t items = (int64_t)pb->batch * pb->num_kv_heads;
    *need = (uint32_t)blocks * PA_OVT_WARPS;
    if (items <= 0 || pb->max_seq_len <= 0) return PA_OK;
    if ((int64_t)pb->max_seq_len * (pb->head_dim / 8) >= ((int64_t)1 << 31) || items >= ((int64_t)1 << 31))
        return pa__fail(ctx, PA_ERR_UNSUPPORTED, "kv copy: %d keys of %d chunks", pb->max_seq_len, pb->head_dim / 8);
    const cudaStream_t stream = (cudaStream_t)ctx->stream;
    cudaError_t e = cudaMemsetAsync(ready, 0, (size_t)items * sizeof(uint32_t), stream);
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "kv copy: cudaMemsetAsync: %s", cudaGetErrorString(e));
    }
    pa_ovt_params q;
    memset(&q, 0, sizeof q);
    pa_copy_ov_params &p = q.c;
    p.k = (const char *)pb->k; p.v = (const char *)pb->v;
    p.k_sp = pb->k_stride_page * 2; p.k_st = pb->k_stride_token * 2; p.k_sh = pb->k_stride_head * 2;
    p.v_sp = pb->v_stride_page * 2; p.v_st = pb->v_stride_token * 2; p.v_sh = pb->v_stride_head * 2;
    p.dk = (char *)dk; p.dv = (char *)dv;
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens; p.ready = ready;
    p.num_pages = pb->num_pages; p.max_seq_len = pb->max_seq_len;
    p.items = (int32_t)items; p.kv_heads = pb->num_kv_heads;
    p.div_hk = pa_fastdiv_init((uint32_t)pb->num_kv_heads);
    p.div_cph = pa_fastdiv_init((uint32_t)(pb->head_dim / 8));
    p.div_page = pa_fastdiv_init((uint32_t)pb->page_size);
    q.piece = pb->head_dim * 2 > 256 ? 256 : pb->head_dim * 2;
    q.pieces_row = pb->head_dim * 2 / q.piece;
    q.rows_slot = 32 / q.pieces_row;
    const int slot_bytes = 2 * 32 * q.piece, per_pos = slot_bytes + 8 + 8 * 32 + 8;
    q.P = PA_OVT_SMEM / (PA_OVT_WARPS * per_pos);
    if (q.P > 16) q.P = 16;
    const int smem = PA_OVT_WARPS * q.P * per_pos;
    e = cudaFuncSetAttribute(pa_kv_copy_ordered_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, smem);
    if (e != cudaSuccess) {
        (void)cudaGetLastError();
        return pa__fail(ctx, PA_ERR_CUDA, "kv copy: cudaFuncSetAttribute: %s", cudaGetErrorString(e));
    }
    pa_kv_copy_ordered_kernel<<<(unsigned)blocks, 32 * PA_OVT_WARPS, smem, stream>>>(q);
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
    p.k = (const char *)pb->k; p.v = (const char *)pb->v;
    p.k_sp = pb->k_stride_page * 2; p.k_st = pb->k_stride_token * 2; p.k_sh = pb->k_stride_head * 2;
    p.v_sp = pb->v_stride_page * 2; p.v_st = pb->v_stride_token * 2; p.v_sh = pb->v_stride_head * 2;
    p.dk = (char *)dk; p.dv = (char *)dv;
    p.page_table = pb->page_table; p.pt_stride = pb->page_table_stride;
    p.seq_lens = pb->seq_lens;
    p.num_pages = pb->num_pages; p.max_seq_len = pb->max_seq_len;
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
